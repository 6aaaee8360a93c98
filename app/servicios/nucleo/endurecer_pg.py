"""PostgreSQL compartido y endurecido (issue 17, punto 10): la cuenta del programa no borra la historia.

En la instalación endurecida hay dos cuentas de PostgreSQL:

* la **propietaria** de la base (p. ej. ``dti_admin``): crea y migra el esquema (``dti iniciar``)
  y corre este endurecimiento; su contraseña la guarda el titular de la DTI, no va en las PC;
* la **del programa** (p. ej. ``dti_app``): la que usan las PC de la DTI en su ``--db``/configuración.
  Lee, agrega y cambia registros, pero **no borra** nada en ninguna tabla y en la bitácora solo
  **agrega**: no tiene ``DELETE``, ``UPDATE`` ni ``TRUNCATE`` sobre ``bitacora``.

Además, un disparador en ``bitacora`` rehúsa ``UPDATE``, ``DELETE`` y ``TRUNCATE`` a **cualquier**
cuenta, la propietaria incluida: borrar la historia exige antes quitar el disparador (``ALTER TABLE``,
que solo puede la propietaria y que queda en el registro del servidor). Quien tenga las
credenciales del programa no puede borrar ni reescribir la bitácora; la cadena autenticada y los
sellos (``dti bitacora sello``) detectan lo que se cambie en las demás tablas.

Todo es idempotente: correrlo otra vez (p. ej. después de una migración que agregó tablas) deja
los permisos al día.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.errores import ErrorValidacion

TABLA_BITACORA = "bitacora"
FUNCION = "dti_bitacora_inmutable"
DISPARADOR_FILAS = "bitacora_inmutable"
DISPARADOR_TRUNCAR = "bitacora_sin_truncar"
MENSAJE_DISPARADOR = "La bitácora no se modifica ni se borra"
_NOMBRE_ROL = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@dataclass(frozen=True)
class Resultado:
    rol: str
    creado: bool
    tablas: int
    sentencias: list[str]


def validar_rol(nombre: str) -> str:
    """Un nombre de cuenta de PostgreSQL sencillo (minúsculas, dígitos y «_»), que no sea la propietaria."""
    nombre = (nombre or "").strip()
    if not _NOMBRE_ROL.match(nombre):
        raise ErrorValidacion([("rol", "El nombre de la cuenta del programa debe empezar con una letra y "
                                       "llevar solo minúsculas, dígitos o «_» (hasta 63), p. ej. dti_app.")])
    if nombre in ("postgres", "public"):
        raise ErrorValidacion([("rol", f"«{nombre}» no puede ser la cuenta del programa: use una propia, "
                                       "p. ej. dti_app.")])
    return nombre


def _literal(texto: str) -> str:
    return "'" + texto.replace("'", "''") + "'"


def sentencias(rol: str, base: str, contrasena: str | None = None, crear: bool = False) -> list[str]:
    """Las sentencias SQL del endurecimiento, en orden (para revisarlas con ``--solo-sql``)."""
    rol = validar_rol(rol)
    lista: list[str] = []
    if crear:
        clave = f" PASSWORD {_literal(contrasena)}" if contrasena else ""
        lista.append(f'CREATE ROLE "{rol}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT{clave}')
    elif contrasena:
        lista.append(f'ALTER ROLE "{rol}" PASSWORD {_literal(contrasena)}')
    lista += [
        f'REVOKE ALL ON DATABASE "{base}" FROM PUBLIC',
        f'GRANT CONNECT, TEMPORARY ON DATABASE "{base}" TO "{rol}"',
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f'GRANT USAGE ON SCHEMA public TO "{rol}"',
        # Ninguna tabla se borra (el programa nunca borra: ModeloBase lo rehúsa).
        f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{rol}"',
        f'GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO "{rol}"',
        # En la bitácora solo se agrega.
        f'REVOKE UPDATE, DELETE, TRUNCATE ON "{TABLA_BITACORA}" FROM "{rol}"',
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{rol}"',
        # Las tablas que creen migraciones futuras de la propietaria nacen con los mismos permisos.
        f'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO "{rol}"',
        f'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "{rol}"',
        (f"CREATE OR REPLACE FUNCTION {FUNCION}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
         f"RAISE EXCEPTION USING MESSAGE = '{MENSAJE_DISPARADOR} (' || TG_OP || ' rechazado).', "
         "ERRCODE = 'insufficient_privilege'; END $$"),
        f'DROP TRIGGER IF EXISTS {DISPARADOR_FILAS} ON "{TABLA_BITACORA}"',
        (f'CREATE TRIGGER {DISPARADOR_FILAS} BEFORE UPDATE OR DELETE ON "{TABLA_BITACORA}" '
         f"FOR EACH ROW EXECUTE FUNCTION {FUNCION}()"),
        f'DROP TRIGGER IF EXISTS {DISPARADOR_TRUNCAR} ON "{TABLA_BITACORA}"',
        (f'CREATE TRIGGER {DISPARADOR_TRUNCAR} BEFORE TRUNCATE ON "{TABLA_BITACORA}" '
         f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCION}()"),
    ]
    return lista


def endurecer(rol: str, contrasena: str | None = None, crear: bool = False) -> Resultado:
    """Aplica el endurecimiento sobre la base conectada (PostgreSQL, con la cuenta propietaria).

    ``crear``: crea la cuenta del programa (si ya existe, solo cambia su contraseña si se da).
    Todo en una transacción: si algo falla, no queda nada a medias.
    """
    from app.base_datos import bd, es_postgres, transaccion

    if not es_postgres():
        raise ErrorValidacion([("db", "El endurecimiento es para una base PostgreSQL compartida; la base "
                                      "SQLite de una sola PC se protege con los permisos de su archivo.")])
    rol = validar_rol(rol)
    base = bd.obj.database
    existe = bd.obj.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (rol,)).fetchone() is not None
    propietario = bd.obj.execute_sql(
        "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = %s AND relkind = 'r'",
        (TABLA_BITACORA,)).fetchone()
    if propietario is None:
        raise ErrorValidacion([("db", "La base no tiene esquema todavía: ejecute antes «dti iniciar» con la "
                                      "cuenta propietaria.")])
    if propietario[0] == rol:
        raise ErrorValidacion([("rol", f"«{rol}» es la propietaria de las tablas: la cuenta del programa debe "
                                       "ser otra (la propietaria podría quitar el disparador).")])
    if not existe and not crear:
        raise ErrorValidacion([("rol", f"No existe la cuenta «{rol}» en el servidor: agregue --crear para "
                                       "crearla.")])
    lista = sentencias(rol, base, contrasena, crear=crear and not existe)
    with transaccion():
        cursor = bd.obj.cursor()
        for sentencia in lista:
            cursor.execute(sentencia)       # sin parámetros: una «%» de la contraseña no se interpreta
    tablas = bd.obj.execute_sql(
        "SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = %s "
        "AND privilege_type = 'SELECT' AND table_schema = 'public'", (rol,)).fetchone()[0]
    return Resultado(rol, crear and not existe, int(tablas), lista)
