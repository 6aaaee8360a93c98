"""Generación de documentos impresos de la DTI (oficios en PDF, códigos QR y fechas).

Los módulos de este paquete importan ReportLab y ``qrcode`` al nivel superior;
la aplicación los importa de forma diferida para no retrasar el arranque.
"""
