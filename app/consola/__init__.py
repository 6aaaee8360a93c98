"""La línea de órdenes ``dti``: un módulo por grupo de subcomandos.

``principal`` arma el analizador y reparte; ``comun`` tiene lo que comparten los grupos. Ningún
grupo importa ``principal``.
"""

from app.consola import espanol as _espanol

_espanol.instalar()     # argparse en español antes de que cualquier grupo cree su analizador
