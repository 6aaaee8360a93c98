; Instalador de Windows del Sistema DTI (Inno Setup 6).
;
; Antes: construir el paquete con  py instalador\construir.py  (deja dist\DTI\).
; Compilar:  iscc instalador\dti.iss      → dist\instalador\DTI-<versión>-instalador.exe
;
; La versión se toma de las propiedades de dist\DTI\DTI.exe, que PyInstaller escribe desde
; app/__init__.py (instalador/version_windows.py); se puede forzar con  iscc /DVersionApp=1.2.3 …
;
; Los datos del usuario NO viven en la carpeta del programa: están en
; %LOCALAPPDATA%\Ayuntamiento\DTI (platformdirs, ver app/configuracion.py): dti.sqlite3,
; config.json y los respaldos de migración. Este instalador nunca los toca: actualizar
; reemplaza solo los archivos del programa y desinstalar deja los datos en su lugar.

#define NombreApp "Sistema DTI"
#define Editor "H. Ayuntamiento de San Martín Texmelucan, Puebla"
#define ExeGrafico "DTI.exe"
#define ExeConsola "dti-consola.exe"
#define Paquete "..\dist\DTI"
#ifndef VersionApp
  #define VersionApp GetVersionNumbersString(AddBackslash(Paquete) + ExeGrafico)
#endif

[Setup]
; El AppId no cambia nunca: así una versión nueva se instala encima de la anterior (actualizar).
AppId={{6F1D6C0B-3E9A-4D52-9C11-5A2B7D8E4F30}
AppName={#NombreApp}
AppVersion={#VersionApp}
AppVerName={#NombreApp} {#VersionApp}
AppPublisher={#Editor}
AppCopyright=© {#Editor}
VersionInfoVersion={#VersionApp}
VersionInfoCompany={#Editor}
VersionInfoDescription=Instalador del {#NombreApp}
DefaultDirName={autopf}\DTI
DefaultGroupName={#NombreApp}
DisableProgramGroupPage=yes
; Instalación para todos los usuarios de la PC (pide administrador); cada usuario tiene sus datos.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\recursos\dti.ico
UninstallDisplayIcon={app}\{#ExeGrafico}
UninstallDisplayName={#NombreApp} {#VersionApp}
OutputDir=..\dist\instalador
OutputBaseFilename=DTI-{#VersionApp}-instalador
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Si el programa está abierto al actualizar, pedir cerrarlo (Restart Manager).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "escritorio"; Description: "Crear un acceso directo en el escritorio"; GroupDescription: "Accesos directos:"; Flags: unchecked

[InstallDelete]
; Al actualizar, quitar los archivos de la versión anterior del programa (nunca los datos).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Paquete}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#NombreApp}"; Filename: "{app}\{#ExeGrafico}"; WorkingDir: "{app}"; Comment: "Oficios, trámites, inventario y mesa de ayuda de la DTI"
Name: "{group}\Desinstalar {#NombreApp}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#NombreApp}"; Filename: "{app}\{#ExeGrafico}"; WorkingDir: "{app}"; Tasks: escritorio

[Run]
Filename: "{app}\{#ExeGrafico}"; Description: "Abrir el {#NombreApp}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Solo lo que el programa pudo dejar en su propia carpeta (p. ej. __pycache__); los datos del
; usuario en %LOCALAPPDATA%\Ayuntamiento\DTI se conservan a propósito.
Type: filesandordirs; Name: "{app}\_internal"
