"""Página web del Ayuntamiento: cargas de información, declaraciones patrimoniales e hipervínculos.

Procedimientos 14, «Carga y actualización de información en la página web del Ayuntamiento»;
16, «Actualización del sistema de declaraciones patrimoniales y de interés»; y 17, «Creación de
hipervínculos para las distintas áreas de la Tesorería Municipal» (con el verificador de enlaces).
"""
