; Registers the kolo-explorer:// URL scheme, which electron-builder's NSIS target does not do
; (its `protocols` option only reaches Info.plist and .desktop files). perMachine installs write
; HKLM\Software\Classes, per-user ones HKCU (SHCTX follows the install mode).

!macro customInstall
  WriteRegStr SHCTX "Software\Classes\kolo-explorer" "" "URL:Kolo Explorer link"
  WriteRegStr SHCTX "Software\Classes\kolo-explorer" "URL Protocol" ""
  WriteRegStr SHCTX "Software\Classes\kolo-explorer\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHCTX "Software\Classes\kolo-explorer\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
!macroend

!macro customUnInstall
  DeleteRegKey SHCTX "Software\Classes\kolo-explorer"
!macroend
