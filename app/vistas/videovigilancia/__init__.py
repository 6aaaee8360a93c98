"""Pestaña Videovigilancia: procedimiento 19, «Soporte técnico de sistemas de videovigilancia del Ayuntamiento»."""
