# The message catalogues (core/i18n.h): each po/<lang>.po compiled by msgfmt into
# <build>/locale/<lang>/LC_MESSAGES/vanban.mo (where the library finds them until it is
# installed) and installed under ${CMAKE_INSTALL_LOCALEDIR}. Included by engine/CMakeLists.txt.
find_program(VANBAN_MSGFMT msgfmt REQUIRED)  # Debian: gettext
file(GLOB VANBAN_PO_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/po/*.po)
set(VANBAN_MO_FILES)
set(VANBAN_LANGUAGES)
foreach(po ${VANBAN_PO_FILES})
  get_filename_component(lang ${po} NAME_WE)
  set(mo ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES/vanban.mo)
  add_custom_command(OUTPUT ${mo}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES
    COMMAND ${VANBAN_MSGFMT} --check -o ${mo} ${po}
    DEPENDS ${po} COMMENT "msgfmt po/${lang}.po" VERBATIM)
  install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES)
  list(APPEND VANBAN_MO_FILES ${mo})
  list(APPEND VANBAN_LANGUAGES ${lang})
endforeach()
add_custom_target(vanban_locale ALL DEPENDS ${VANBAN_MO_FILES})
add_dependencies(vanban_core vanban_locale)
# Where the installed library and program find the catalogues (core/i18n.cpp), and the
# languages there are (one of them present tells an installed tree from a stray directory).
file(RELATIVE_PATH VANBAN_LIB_TO_LOCALE ${CMAKE_INSTALL_FULL_LIBDIR} ${CMAKE_INSTALL_FULL_LOCALEDIR})
file(RELATIVE_PATH VANBAN_BIN_TO_LOCALE ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_LOCALEDIR})
string(REPLACE ";" "," VANBAN_LANGUAGE_LIST "${VANBAN_LANGUAGES}")
target_compile_definitions(vanban_core PRIVATE
  VANBAN_BUILD_LOCALE_DIR="${CMAKE_BINARY_DIR}/locale"
  VANBAN_LIB_TO_LOCALE="${VANBAN_LIB_TO_LOCALE}" VANBAN_BIN_TO_LOCALE="${VANBAN_BIN_TO_LOCALE}"
  VANBAN_LANGUAGES="${VANBAN_LANGUAGE_LIST}")
