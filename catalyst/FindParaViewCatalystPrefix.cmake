# Finds ParaView 5.11's legacy Catalyst in a prefix unpacked from Debian's packages by
# unpack-paraview.sh (beside this file), never in the system (twins/insitu/README.md).
# ParaView's own CMake export is not used: it names files of python3-paraview at system paths
# and defines VTK 9.2 targets (VTK::CommonCore, ...) under the same names as the project's
# VTK 9.1, which cannot both live in one CMake project. So the few libraries the adaptor links
# are found by file here.
#
# Input:  ParaViewCatalystPrefix_ROOT (the prefix, DIR/prefix of unpack-paraview.sh).
# Output: ParaViewCatalystPrefix_FOUND; the imported target ParaViewCatalystPrefix::Catalyst
#         (headers as SYSTEM, libraries by full path); ParaViewCatalystPrefix_LIBRARY_DIR
#         (for the adaptor's RPATH), ParaViewCatalystPrefix_PYTHON_DIR (ParaView's
#         dist-packages, which the adaptor puts first in sys.path), ParaViewCatalystPrefix_PVPYTHON
#         and ParaViewCatalystPrefix_VERSION.
include(FindPackageHandleStandardArgs)

set(_pvcp_usr "${ParaViewCatalystPrefix_ROOT}/usr")
set(_pvcp_libdir "${_pvcp_usr}/lib/${CMAKE_LIBRARY_ARCHITECTURE}")

find_path(ParaViewCatalystPrefix_INCLUDE_DIR NAMES vtkCPPythonScriptV2Pipeline.h
  PATHS "${_pvcp_usr}/include/paraview-5.11" NO_DEFAULT_PATH)
find_program(ParaViewCatalystPrefix_PVPYTHON NAMES pvpython PATHS "${_pvcp_usr}/bin"
  NO_DEFAULT_PATH)
find_path(ParaViewCatalystPrefix_PYTHON_DIR NAMES paraview/catalyst/__init__.py
  PATHS "${_pvcp_usr}/lib/python3/dist-packages" NO_DEFAULT_PATH)

set(_pvcp_libraries)
set(_pvcp_required)
foreach(_pvcp_name IN ITEMS vtkPVPythonCatalyst vtkPVCatalyst vtkPythonInterpreter
                            vtkCommonDataModel vtkCommonCore vtksys)
  find_library(ParaViewCatalystPrefix_${_pvcp_name}_LIBRARY NAMES ${_pvcp_name}-pv5.11
    PATHS "${_pvcp_libdir}" NO_DEFAULT_PATH)
  list(APPEND _pvcp_libraries "${ParaViewCatalystPrefix_${_pvcp_name}_LIBRARY}")
  list(APPEND _pvcp_required ParaViewCatalystPrefix_${_pvcp_name}_LIBRARY)
endforeach()

# The system's libpython3.11, which Debian's ParaView 5.11 is built for: its Python libraries
# (libvtkPythonInterpreter) use Python's symbols without linking libpython themselves, leaving
# that to the executable. The adaptor, dlopened by a worker that has no Python, links it.
find_library(ParaViewCatalystPrefix_PYTHON_LIBRARY NAMES python3.11 libpython3.11.so.1.0)
list(APPEND _pvcp_required ParaViewCatalystPrefix_PYTHON_LIBRARY)

if(ParaViewCatalystPrefix_INCLUDE_DIR AND EXISTS "${ParaViewCatalystPrefix_INCLUDE_DIR}/vtkPVVersion.h")
  file(STRINGS "${ParaViewCatalystPrefix_INCLUDE_DIR}/vtkPVVersion.h" _pvcp_version_line
    REGEX "^#define PARAVIEW_VERSION_FULL ")
  string(REGEX REPLACE ".*\"([^\"]*)\".*" "\\1" ParaViewCatalystPrefix_VERSION
    "${_pvcp_version_line}")
endif()

find_package_handle_standard_args(ParaViewCatalystPrefix
  REQUIRED_VARS ParaViewCatalystPrefix_INCLUDE_DIR ParaViewCatalystPrefix_PYTHON_DIR
                ParaViewCatalystPrefix_PVPYTHON ${_pvcp_required}
  VERSION_VAR ParaViewCatalystPrefix_VERSION)

if(ParaViewCatalystPrefix_FOUND AND NOT TARGET ParaViewCatalystPrefix::Catalyst)
  set(ParaViewCatalystPrefix_LIBRARY_DIR "${_pvcp_libdir}")
  add_library(ParaViewCatalystPrefix::Catalyst INTERFACE IMPORTED)
  # SYSTEM: ParaView's headers are not the project's to warn about.
  set_target_properties(ParaViewCatalystPrefix::Catalyst PROPERTIES
    INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${ParaViewCatalystPrefix_INCLUDE_DIR}"
    INTERFACE_INCLUDE_DIRECTORIES "${ParaViewCatalystPrefix_INCLUDE_DIR}"
    # --no-as-needed: nothing in the adaptor itself calls Python, yet libpython must be loaded.
    INTERFACE_LINK_LIBRARIES
      "${_pvcp_libraries};-Wl,--no-as-needed;${ParaViewCatalystPrefix_PYTHON_LIBRARY};-Wl,--as-needed")
endif()
mark_as_advanced(ParaViewCatalystPrefix_INCLUDE_DIR ParaViewCatalystPrefix_PVPYTHON
  ParaViewCatalystPrefix_PYTHON_DIR ${_pvcp_required})
