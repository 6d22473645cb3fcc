# Writes the declarations of vanban.h in the form PHP's FFI parser accepts: no preprocessor
# lines, no macros (VANBAN_API), no extern "C", no comments. Run by the build:
#   cmake -DIN=engine/include/vanban/vanban.h -DOUT=vanban_ffi.h -DPRELOAD=vanban_preload.h -DLIB=libvanban.so.0 -P ffi_header.cmake
# OUT is for FFI::cdef(); PRELOAD adds the two defines FFI::load() reads (FFI_SCOPE "vanban",
# FFI_LIB), for opcache.preload.
foreach(var IN ITEMS IN OUT PRELOAD LIB)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "ffi_header.cmake: -D${var}=… is missing")
  endif()
endforeach()
file(READ "${IN}" text)
set(text "\n${text}")
# Comments: /* … */ (not nested in C) and // to the end of the line.
string(REGEX REPLACE "/\\*([^*]|\\*+[^*/])*\\*+/" "" text "${text}")
string(REGEX REPLACE "//[^\n]*" "" text "${text}")
# What only C++ compilers see (extern "C" { … }), then every other preprocessor line.
string(REGEX REPLACE "\n[ \t]*#[ \t]*ifdef[ \t]+__cplusplus[^#]*\n[ \t]*#[ \t]*endif[^\n]*" "" text "${text}")
string(REGEX REPLACE "\n[ \t]*#[^\n]*" "" text "${text}")
string(REGEX REPLACE "(^|[^A-Za-z0-9_])VANBAN_API[ \t]+" "\\1" text "${text}")
# Trailing blanks and runs of empty lines.
string(REGEX REPLACE "[ \t]+\n" "\n" text "${text}")
string(REGEX REPLACE "\n\n\n+" "\n\n" text "${text}")
string(STRIP "${text}" text)
foreach(left IN ITEMS "#" "VANBAN_API" "extern" "__attribute__" "__declspec" "/*")
  string(FIND "${text}" "${left}" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "ffi_header.cmake: \"${left}\" is left in the declarations of ${IN}")
  endif()
endforeach()
if(NOT text MATCHES "vanban_engine_open")
  message(FATAL_ERROR "ffi_header.cmake: no declarations found in ${IN}")
endif()
set(banner "/* Generated from vanban.h by bindings/php/ffi_header.cmake: the C API for PHP's FFI. */\n")
file(WRITE "${OUT}.tmp" "${banner}${text}\n")
file(WRITE "${PRELOAD}.tmp" "#define FFI_SCOPE \"vanban\"\n#define FFI_LIB \"${LIB}\"\n${banner}${text}\n")
# Rewritten only when changed, so that what depends on them is not rebuilt for nothing.
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(COPY_FILE "${PRELOAD}.tmp" "${PRELOAD}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp" "${PRELOAD}.tmp")
