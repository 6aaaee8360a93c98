"""Cómo se leen las tablas y los campos de la bitácora: etiquetas, módulos y nombre de cada registro.

Las etiquetas son las de las pantallas («Número de oficio», «Motivo de cancelación»); un campo
sin etiqueta propia se lee con su nombre sin guiones bajos («Fecha plan»). Los módulos agrupan
las tablas por la pestaña donde se trabajan (Oficios, Trámites, Mesa de ayuda, Inventario…).
"""
from __future__ import annotations

# Pestaña → tablas que se trabajan en ella (el filtro «Módulo» de la bitácora).
MODULOS: dict[str, tuple[str, ...]] = {
    "Oficios": ("oficio", "adjunto"),
    "Trámites": ("tramite", "paso_tramite", "valor_paso", "adjunto_paso", "destinatario_aviso", "aviso_tramite"),
    "Mesa de ayuda": ("ticket", "meta_sla", "escalamiento"),
    "Inventario": ("bien", "tipo_bien", "factura", "movimiento", "detalle_movimiento"),
    "Levantamiento": ("levantamiento", "lectura_levantamiento"),
    "Dictámenes": ("dictamen",),
    "Licencias": ("software", "licencia", "asignacion_licencia", "solicitud_software"),
    "Cuentas": ("solicitud_cuenta", "cuenta", "movimiento_cuenta", "configuracion_correo", "mensaje_correo"),
    "Mantenimiento": ("dispositivo", "plan_preventivo", "mantenimiento", "evento_mantenimiento",
                      "aviso_mantenimiento", "bitacora_servidor"),
    "Catálogos": ("dependencia", "servidor_publico", "proveedor", "institucion", "usuario",
                  "horario_laboral", "dia_inhabil"),
}
MODULO_OTROS = "Otros"      # p. ej. los contadores de folios, que sirven a todas las series

# Cómo se llama un registro de cada tabla en una frase («Oficio TM/DTI/0003/2026»).
NOMBRES_TABLA: dict[str, str] = {
    "oficio": "Oficio", "adjunto": "Escaneo", "contador_folio": "Contador de folios",
    "tramite": "Trámite", "paso_tramite": "Paso", "valor_paso": "Dato del paso",
    "adjunto_paso": "Documento del paso", "destinatario_aviso": "Destinatario de avisos",
    "aviso_tramite": "Aviso", "ticket": "Ticket", "meta_sla": "Meta de atención",
    "escalamiento": "Escalamiento", "bien": "Bien", "tipo_bien": "Tipo de bien", "factura": "Factura",
    "movimiento": "Movimiento", "detalle_movimiento": "Bien del movimiento", "levantamiento": "Levantamiento",
    "lectura_levantamiento": "Lectura", "dictamen": "Dictamen", "software": "Software",
    "licencia": "Licencia", "asignacion_licencia": "Asignación de licencia",
    "solicitud_software": "Solicitud de software", "solicitud_cuenta": "Solicitud de cuenta",
    "cuenta": "Cuenta", "movimiento_cuenta": "Movimiento de cuenta",
    "configuracion_correo": "Configuración de correo", "mensaje_correo": "Correo",
    "dispositivo": "Dispositivo", "plan_preventivo": "Plan preventivo", "mantenimiento": "Mantenimiento",
    "evento_mantenimiento": "Evento", "aviso_mantenimiento": "Aviso de mantenimiento",
    "bitacora_servidor": "Bitácora del servidor", "dependencia": "Dependencia",
    "servidor_publico": "Servidor público", "proveedor": "Proveedor", "institucion": "Institución",
    "usuario": "Usuario", "horario_laboral": "Horario laboral", "dia_inhabil": "Día inhábil",
}

# Qué campos nombran un registro (el primero no vacío) y de qué registro es parte (campo de llave
# foránea), para «Paso 3 (Trámite DTI-T-0001/2026)». Sin campos propios se usa «#id».
IDENTIFICACION: dict[str, tuple[tuple[str, ...], str | None]] = {
    "oficio": (("folio", "numero_oficio"), None),
    "adjunto": (("nombre_archivo",), "oficio"),
    "contador_folio": (("serie", "anio"), None),
    "tramite": (("numero",), None),
    "paso_tramite": (("paso",), "tramite"),
    "valor_paso": (("etiqueta", "clave"), "tramite"),
    "adjunto_paso": (("etiqueta", "nombre_archivo"), "tramite"),
    "destinatario_aviso": (("correo",), None),
    "aviso_tramite": (("destinatario",), "tramite"),
    "ticket": (("folio",), None),
    "meta_sla": (("prioridad",), None),
    "escalamiento": ((), "ticket"),
    "bien": (("numero_inventario",), None),
    "tipo_bien": (("nombre",), None),
    "factura": (("uuid",), None),
    "movimiento": (("tipo",), None),
    "detalle_movimiento": ((), "bien"),
    "levantamiento": (("area", "edificio"), "dependencia"),
    "lectura_levantamiento": (("numero",), "levantamiento"),
    "dictamen": (("folio",), "bien"),
    "software": (("nombre",), None),
    "licencia": (("descripcion",), "software"),
    "asignacion_licencia": ((), "licencia"),
    "solicitud_software": (("software_texto",), "dependencia"),
    "solicitud_cuenta": (("nombre_completo",), None),
    "cuenta": (("direccion", "nombre_usuario"), None),
    "movimiento_cuenta": (("accion",), "cuenta"),
    "configuracion_correo": (("host",), None),
    "mensaje_correo": (("asunto",), None),
    "dispositivo": (("nombre",), None),
    "plan_preventivo": ((), "dispositivo"),
    "mantenimiento": (("numero",), None),
    "evento_mantenimiento": (("tipo",), "mantenimiento"),
    "aviso_mantenimiento": ((), "mantenimiento"),
    "bitacora_servidor": (("tipo",), "dispositivo"),
    "dependencia": (("nombre",), None),
    "servidor_publico": (("nombre",), None),
    "proveedor": (("razon_social",), None),
    "institucion": (("nombre",), None),
    "usuario": (("nombre", "nombre_usuario"), None),
    "horario_laboral": ((), None),
    "dia_inhabil": (("fecha",), None),
}

# Tablas cuyo nombre junta todos sus campos de identificación («oficio 2026»), no solo el primero.
IDENTIFICACION_UNIDA: frozenset[str] = frozenset({"contador_folio"})

# Campos por los que se busca un registro en el filtro «Registro» (folio, número, serie, nombre).
BUSCABLES: dict[str, tuple[str, ...]] = {
    "oficio": ("folio", "numero_oficio", "asunto"),
    "tramite": ("numero", "asunto"),
    "ticket": ("folio",),
    "bien": ("numero_inventario", "serie", "descripcion"),
    "dictamen": ("folio",),
    "mantenimiento": ("numero",),
    "dependencia": ("nombre", "siglas"),
    "servidor_publico": ("nombre",),
    "proveedor": ("razon_social", "rfc"),
    "usuario": ("nombre_usuario", "nombre"),
    "software": ("nombre",),
    "licencia": ("descripcion",),
    "cuenta": ("direccion", "nombre_usuario", "nombre_completo"),
    "solicitud_cuenta": ("nombre_completo",),
    "dispositivo": ("nombre",),
    "tipo_bien": ("nombre",),
    "factura": ("uuid",),
}

# Campos con número de registro que no son llave foránea: a qué tabla apuntan.
REFERENCIAS: dict[str, str] = {
    "tramite_id": "tramite", "dictamen_id": "dictamen", "levantamiento_id": "levantamiento",
    "movimiento_baja_id": "movimiento", "mensaje_id": "mensaje_correo",
}

# Campos que no se muestran en las diferencias: internos o que cambian en cada guardado.
OCULTOS: frozenset[str] = frozenset({"id", "busqueda", "version", "modificado_en"})

# Campos cuyo valor nunca se muestra (contraseñas, claves cifradas): solo se dice que cambió.
SECRETOS: frozenset[str] = frozenset({"hash_contrasena", "contrasena_cifrada", "clave_cifrada",
                                      "cuerpo_cifrado"})

# Etiquetas que valen en cualquier tabla (la tabla puede cambiarlas en ETIQUETAS).
ETIQUETAS_COMUNES: dict[str, str] = {
    "estado": "Estado", "tipo": "Tipo", "nombre": "Nombre", "descripcion": "Descripción",
    "activo": "Activo", "activa": "Activa", "creado_por": "Creado por", "creado_en": "Creado el",
    "motivo_cancelacion": "Motivo de cancelación", "cancelado_en": "Cancelado el",
    "cancelado_por": "Cancelado por", "dependencia": "Dependencia", "servidor": "Servidor público",
    "solicitante": "Solicitante", "bien": "Bien", "oficio": "Oficio", "tramite": "Trámite",
    "tramite_id": "Trámite", "expediente": "Expediente", "proveedor": "Proveedor", "marca": "Marca",
    "modelo": "Modelo", "serie": "Número de serie", "correo": "Correo", "extension": "Extensión",
    "cargo": "Cargo", "notas": "Notas", "nota": "Nota", "observaciones": "Observaciones",
    "asunto": "Asunto", "folio": "Folio", "anio": "Año", "consecutivo": "Consecutivo",
    "numero": "Número", "momento": "Momento", "usuario": "Usuario", "motivo": "Motivo",
    "recibido_en": "Recibido el", "recibido_por": "Recibido por", "inicio": "Inicio", "fin": "Fin",
    "procedimiento": "Procedimiento", "responsable": "Responsable", "fecha": "Fecha",
    "ubicacion": "Ubicación", "edificio": "Edificio", "area": "Área", "siglas": "Siglas",
    "sha256": "Huella SHA-256", "pdf": "PDF", "contenido": "Archivo", "nombre_archivo": "Archivo",
    "tamano": "Tamaño (bytes)", "tipo_mime": "Tipo de archivo", "etiqueta": "Etiqueta", "clave": "Clave",
    "valor": "Valor", "paso": "Paso", "motivo_baja": "Motivo de la baja", "baja_en": "Dado de baja el",
    "baja_por": "Dado de baja por", "software": "Software", "licencia": "Licencia",
    "mantenimiento": "Mantenimiento", "dispositivo": "Dispositivo", "ticket": "Ticket",
    "concluido_en": "Concluido el", "hash_contrasena": "Contraseña", "dependencias": "Dependencias",
    "caracteristicas_hardware": "Características de hardware",
    "caracteristicas_software": "Características de software", "fecha_fabricacion": "Fecha de fabricación",
    "nombre_completo": "Nombre completo", "correo_alternativo": "Correo alternativo",
}

# Etiquetas propias de cada tabla, como en sus pantallas.
ETIQUETAS: dict[str, dict[str, str]] = {
    "oficio": {
        "tipo": "Tipo de oficio", "numero_oficio": "Número de oficio", "fecha_documento": "Fecha del oficio",
        "procedencia": "Procedencia", "procedencia_texto": "Procedencia (texto)",
        "solicitante_nombre": "Solicitante", "solicitante_cargo": "Cargo del solicitante",
        "firmado": "Firmado", "recibido_en": "Acuse de recibo", "faltantes": "Datos faltantes",
        "destinatario_nombre": "Destinatario", "destinatario_cargo": "Cargo del destinatario",
        "destinatario_dependencia": "Dependencia del destinatario", "cuerpo": "Cuerpo",
        "firmantes": "Firma", "ccp": "c.c.p.", "plantilla": "Plantilla", "pdf": "PDF emitido",
        "huella": "Huella del contenido", "en_respuesta_a": "En respuesta a",
        "motivo_archivo": "Motivo del archivo", "archivado_en": "Archivado el",
        "archivado_por": "Archivado por",
    },
    "ticket": {
        "recibido_en": "Recibido", "canal": "Canal", "solicitante_nombre": "Solicitante (nombre)",
        "bien": "Equipo", "categoria": "Categoría", "prioridad": "Prioridad", "modalidad": "Modalidad",
        "asignado": "Asignado a", "solucion": "Solución", "primera_respuesta_en": "Primera respuesta",
        "resuelto_en": "Resuelto el", "cerrado_en": "Cerrado el", "meta_respuesta_en": "Meta de respuesta",
        "meta_resolucion_en": "Meta de resolución", "horas_respuesta": "Horas hábiles para responder",
        "horas_resolucion": "Horas hábiles para resolver", "registrado_por": "Registrado por",
    },
    "bien": {
        "numero_inventario": "Número de inventario", "tipo": "Tipo de bien", "color": "Color",
        "fecha_adquisicion": "Fecha de adquisición", "valor": "Valor de adquisición",
        "cuenta_contable": "Cuenta contable", "factura": "Factura (CFDI)",
        "no_identificacion": "No. de identificación", "fotografia": "Fotografía",
        "resguardante": "Resguardante",
    },
    "tramite": {
        "numero": "Número de trámite", "oficio_entrada": "Oficio de entrada", "paso_actual": "Paso actual",
        "modulo": "Módulo",
    },
    "paso_tramite": {
        "actividad": "Actividad", "responsable_area": "Área responsable", "segundos": "Duración (segundos)",
        "opcion": "Decisión", "destino": "Paso siguiente", "usuario": "Atendió",
    },
    "dependencia": {"nombre": "Nombre de la dependencia", "ubicacion": "Ubicación"},
    "servidor_publico": {"nombre": "Nombre", "dependencia": "Dependencia"},
    "usuario": {
        "nombre_usuario": "Usuario", "nombre": "Nombre", "rol": "Rol", "servidor": "Servidor público",
        "intentos_fallidos": "Intentos fallidos", "bloqueado_hasta": "Bloqueado hasta",
        "ultimo_acceso": "Último acceso",
    },
    "proveedor": {"rfc": "RFC", "razon_social": "Razón social", "contacto": "Contacto", "telefono": "Teléfono",
                  "marcas_autorizadas": "Marcas autorizadas", "tiempo_entrega_dias": "Días de entrega"},
    "dictamen": {
        "oficio_solicitud": "Oficio de solicitud", "motivo_solicitud": "Motivo de la solicitud",
        "recepcion_acordada": "Recepción acordada", "acuerdo_telefonico": "Acuerdo telefónico",
        "entregado_por": "Entregado por", "estado_previo_bien": "Estado previo del bien",
        "pruebas": "Pruebas realizadas", "resultado": "Resultado", "posible_solucion": "Posible solución",
        "conclusion": "Conclusión", "fecha_emision": "Fecha de emisión", "emitido_por": "Emitido por",
        "firmante_nombre": "Firmante", "firmante_cargo": "Cargo del firmante",
        "movimiento_baja_id": "Movimiento de baja", "usado_en_baja_en": "Usado en la baja el",
    },
    "licencia": {
        "tipo": "Tipo de licencia", "asientos": "Asientos", "clave_cifrada": "Clave de la licencia",
        "clave_mascara": "Clave", "vigencia_inicio": "Vigencia desde", "vigencia_fin": "Vigencia hasta",
        "costo": "Costo", "cfdi_uuid": "UUID del CFDI", "cfdi_archivo": "CFDI", "cfdi_nombre": "Archivo del CFDI",
    },
    "software": {"fabricante": "Fabricante", "categoria": "Categoría", "es_libre": "Software libre",
                 "alternativa_libre": "Alternativa libre"},
    "mantenimiento": {
        "clase": "Clase", "plan": "Plan preventivo", "fecha_plan": "Fecha del plan",
        "acordado_con": "Acordado con", "verificaciones": "Verificaciones", "autorizado_por": "Autorizado por",
        "autorizado_en": "Autorizado el", "motivo_autorizacion": "Motivo de la autorización",
        "reprogramado_desde": "Reprogramado desde", "nota_reprogramacion": "Nota de la reprogramación",
        "aviso_vigente": "Aviso vigente",
    },
    "movimiento": {
        "resguardante_nuevo": "Resguardante nuevo", "dependencia_nueva": "Dependencia nueva",
        "edificio_nuevo": "Edificio nuevo", "area_nueva": "Área nueva", "enviado_en": "Enviado el",
        "respuesta_numero": "Número de la respuesta", "respuesta_fecha": "Fecha de la respuesta",
        "respuesta_nota": "Nota de la respuesta", "resuelto_en": "Resuelto el",
        "solicitado_por": "Solicitado por", "dictamen_id": "Dictamen", "levantamiento_id": "Levantamiento",
    },
    "cuenta": {"nombre_usuario": "Nombre de usuario", "direccion": "Dirección de correo",
               "contrasena_generada_en": "Contraseña generada el", "motivo_estado": "Motivo del estado",
               "estado_cambiado_en": "Estado cambiado el", "solicitud": "Solicitud"},
}


def modulo_de(tabla: str) -> str:
    """La pestaña donde se trabaja ``tabla`` («Oficios»), u «Otros»."""
    return next((modulo for modulo, tablas in MODULOS.items() if tabla in tablas), MODULO_OTROS)


def nombre_tabla(tabla: str) -> str:
    """«Oficio» para ``oficio``; la tabla sin guiones bajos si no tiene nombre propio."""
    return NOMBRES_TABLA.get(tabla) or tabla.replace("_", " ").capitalize()


def etiqueta(tabla: str, campo: str) -> str:
    """La etiqueta de pantalla de ``campo`` en ``tabla`` («Número de oficio»)."""
    propia = ETIQUETAS.get(tabla, {}).get(campo) or ETIQUETAS_COMUNES.get(campo)
    if propia:
        return propia
    return campo.removesuffix("_id").replace("_", " ").capitalize()
