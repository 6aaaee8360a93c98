"""La lectura del lector en una consulta por índices y un INSERT (issue 19, punto 4), en ambos motores.

Lo que responde y lo que guarda cada lectura es lo mismo que con el camino de antes (buscar el
bien con ``buscar_por_numero`` y clasificarlo con ``clasificar`` sobre los modelos, con sus
cargas perezosas), y la bitácora queda íntegra. Se cuentan las sentencias que llegan al
controlador (sin tiempos): una lectura nueva es la consulta, BEGIN, el INSERT, la cabeza de la
cadena, el INSERT de su entrada y COMMIT; una repetida, solo la consulta; ninguna cuenta filas.
"""
from __future__ import annotations

import pytest

from app.base_datos import bd
from app.modelos import Bien, Dependencia, LecturaLevantamiento
from app.modelos.inventario import DADO_DE_BAJA
from app.servicios.catalogos import catalogos, usuarios
from app.servicios.inventario import inventario, tipos_bien
from app.servicios.levantamiento import levantamiento
from app.servicios.nucleo import bitacora, permisos


class Contador:
    """Cuenta (y guarda) cada sentencia que la app manda al controlador."""

    def __init__(self, base):
        self.base = base
        self.sentencias: list[str] = []
        self._original = base.cursor

    def __enter__(self):
        contador = self

        def cursor(*args, **kwargs):
            real = contador._original(*args, **kwargs)

            class Envoltura:
                def __getattr__(self, nombre):
                    return getattr(real, nombre)

                def __iter__(self):
                    return iter(real)

                def execute(self, sql, parametros=None):
                    contador.sentencias.append(" ".join(str(sql).split()))
                    return real.execute(sql, parametros) if parametros is not None else real.execute(sql)

                def executemany(self, sql, filas):
                    contador.sentencias.append(" ".join(str(sql).split()))
                    return real.executemany(sql, filas)

            return Envoltura()

        self.base.cursor = cursor
        return self

    def __exit__(self, *exc):
        del self.base.cursor     # vuelve el método de la clase


@pytest.fixture
def escena(bd):
    """Dos dependencias, cuatro bienes (uno dado de baja, uno de otra dependencia), el jefe de Redes
    y un levantamiento en curso de la primera."""
    sistema = usuarios.usuario_sistema()
    tipos_bien.asegurar_predeterminados()
    archivo = catalogos.guardar_dependencia(sistema, "Archivo General Municipal", "AGM", "Casa de la Cultura")
    egresos = catalogos.guardar_dependencia(sistema, "Dirección de Egresos", "DE", "Edificio de Tesorería")
    rocio = catalogos.guardar_servidor(sistema, "Rocío Juárez Tlapa", "Directora del Archivo General", archivo)
    ricardo = catalogos.guardar_servidor(sistema, "Ricardo Flores Aguilar", "Director de Egresos", egresos)
    redes = usuarios.crear_usuario(sistema, "redes", "Isaías Soto López", permisos.JEFE_REDES, "Redes2026", rocio)
    for i, (resguardante, dependencia) in enumerate([(rocio, archivo), (rocio, archivo), (rocio, archivo),
                                                     (ricardo, egresos)]):
        inventario.registrar_bien(redes, numero_inventario=f"CAT-{i + 1:03d}", tipo=tipos_bien.por_nombre("Computadora"),
                                  descripcion=f"Computadora {i + 1}", serie=f"SER-CAT-{i}", resguardante=resguardante,
                                  dependencia=dependencia, area="Ventanilla 2")
    baja = Bien.get(Bien.numero_inventario == "CAT-003")
    baja.estado = DADO_DE_BAJA
    bitacora.guardar_versionado(baja, "baja (prueba)", None, baja.version)
    lev = levantamiento.iniciar(redes, dependencia_id=archivo.id)
    levantamiento.olvidar_avance()
    return lev, usuarios.obtener("redes")


def _como_antes(lev, texto: str):
    """Lo que respondía el camino de antes: el bien por el índice y la clasificación sobre los modelos."""
    bien = inventario.buscar_por_numero(texto)
    limpio = inventario.normalizar_numero(texto)
    tipo, mensaje, otra = levantamiento.clasificar(levantamiento.obtener(lev.id), bien, limpio)
    return tipo, mensaje, bien.numero_inventario if bien else limpio, bien.id if bien else None, otra


LECTURAS = ["  cat-001 \r", "CAT'002", "cat-004", "CAT-003", "SMT-TIC-99999"]


def test_responde_y_guarda_lo_mismo_que_antes(escena):
    lev, redes = escena
    esperado = {texto: _como_antes(lev, texto) for texto in LECTURAS}
    for texto in LECTURAS:
        r = levantamiento.registrar_lectura(lev.id, texto, redes)
        tipo, mensaje, numero, bien_id, otra = esperado[texto]
        assert (r.tipo, r.mensaje, r.numero, r.bien_id, r.otra_area) == (tipo, mensaje, numero, bien_id, otra)
        assert (r.encontrados, r.esperados) == levantamiento.progreso(lev.id)
    assert esperado["cat-004"][0] == "otra_area" and "Ricardo Flores Aguilar" in esperado["cat-004"][1]
    filas = list(LecturaLevantamiento.select().where(LecturaLevantamiento.levantamiento == lev.id)
                 .order_by(LecturaLevantamiento.id))
    assert [(f.numero, f.bien_id, f.resultado, f.detalle, f.usuario, f.origen) for f in filas] == [
        (esperado[t][2], esperado[t][3], esperado[t][0], esperado[t][4], "redes", "local") for t in LECTURAS]
    # Repetida: «repetido», no se guarda otra vez y el avance no cambia.
    r = levantamiento.registrar_lectura(lev.id, "cat-001", redes)
    assert r.tipo == "repetido" and "no se cuenta dos veces" in r.mensaje and r.progreso == "2 de 2"
    assert LecturaLevantamiento.select().where(LecturaLevantamiento.levantamiento == lev.id).count() == 5
    assert bitacora.verificar() == []


def test_una_consulta_y_un_insert_por_lectura(escena):
    lev, redes = escena
    levantamiento.registrar_lectura(lev.id, "CAT-001", redes)        # cuenta el avance una vez
    with Contador(bd.obj) as contador:
        r = levantamiento.registrar_lectura(lev.id, "CAT-002", redes)
    assert r.tipo == "encontrado" and r.progreso == "2 de 2"
    sentencias = contador.sentencias
    assert not [s for s in sentencias if "COUNT(" in s.upper()], sentencias
    consultas = [s for s in sentencias if s.upper().startswith("SELECT") and "FROM LEVANTAMIENTO" in s.upper()]
    assert len(consultas) == 1 and "JOIN bien" in consultas[0], sentencias
    assert sum(s.startswith("INSERT INTO lectura_levantamiento") for s in sentencias) == 1
    assert sum(s.startswith('INSERT INTO "bitacora"') for s in sentencias) == 1
    assert len(sentencias) <= 6, sentencias     # consulta, BEGIN, INSERT, cabeza, INSERT bitácora, COMMIT
    with Contador(bd.obj) as contador:
        assert levantamiento.registrar_lectura(lev.id, "cat-002", redes).tipo == "repetido"
    assert len(contador.sentencias) == 1, contador.sentencias
    assert bitacora.verificar() == []


def test_cuenta_desactivada_y_levantamiento_pausado(escena):
    """La consulta trae también el estado de la cuenta y del levantamiento: se respetan igual que antes."""
    from app.errores import ErrorSesion, ErrorTransicion

    lev, redes = escena
    pausado = levantamiento.pausar(redes, lev.id, levantamiento.obtener(lev.id).version)
    with pytest.raises(ErrorTransicion, match="reanúdelo"):
        levantamiento.registrar_lectura(lev.id, "CAT-001", redes)
    levantamiento.reanudar(redes, lev.id, pausado.version)
    sistema = usuarios.usuario_sistema()
    cuenta = usuarios.obtener("redes")
    from app.modelos import Usuario

    Usuario.update(activo=False).where(Usuario.id == cuenta.id).execute()
    with pytest.raises(ErrorSesion):
        levantamiento.registrar_lectura(lev.id, "CAT-001", redes)
    assert not LecturaLevantamiento.select().where(LecturaLevantamiento.levantamiento == lev.id).exists()
    assert sistema is not None and Dependencia.select().count() == 2
