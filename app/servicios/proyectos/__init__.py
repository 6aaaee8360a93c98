"""Proyectos de TI: procedimientos 3 («Elaboración de proyectos en Tecnologías de la Información»),
11 («Desarrollo de sistemas informáticos»), 13 («Programación y diseño de páginas web»), 15
(«Desarrollo e implementación de módulos para carga de información») y 18 («Instalación de
infraestructura de tecnologías de información y telecomunicaciones») del manual de la DTI.
"""
