"""El expediente único sobre todos los módulos: los registros anteriores reciben su trámite."""
