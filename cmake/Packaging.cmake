# A Debian package of the installed tree (docs/c-api.md, "Debian package"):
#   cmake --build build && (cd build && cpack -G DEB)   ->   build/vanban_<version>_amd64.deb
# The package installs into /usr; its Depends are computed from the binaries by dpkg-shlibdeps,
# plus the fonts the templates name (fonts-liberation2); a trigger runs ldconfig after it is
# installed or removed, so programs linked with -lvanban find libvanban.so.0 at once.
set(CPACK_PACKAGE_NAME vanban)
set(CPACK_PACKAGE_VENDOR "The vanban authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Vietnamese administrative documents (Decree 30/2020/ND-CP) as PDF and DOCX")
set(CPACK_PACKAGE_DESCRIPTION
    "vanban lays out official Vietnamese administrative documents to the letter of Decree 30/2020/ND-CP and writes PDF and DOCX; it batch-produces certificates from spreadsheets. This package holds the command, the shared library with its C API (C header, pkg-config file, CMake package), the templates and the PHP FFI header.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)            # vanban_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "The vanban authors <dev@vanban.invalid>")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/vanban/vanban")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)             # libpodofo0.9.8, libharfbuzz0b, libicu72…
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-liberation2")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "php-cli, python3")
set(_vanban_triggers ${CMAKE_BINARY_DIR}/packaging/triggers)
file(WRITE ${_vanban_triggers} "activate-noawait ldconfig\n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${_vanban_triggers})
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_GENERATOR DEB)
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build.*/" "/node_modules/" "/out/")
include(CPack)
