# `make package`: two Debian packages built by CPack from the install rules (issue 26).
#   twinbench         the GUI (component gui): its executable, desktop file, AppStream metainfo,
#                     icons, MIME types; depends on twinbench-worker, which runs its jobs.
#   twinbench-worker  the headless worker and the shipped twins (component worker), what
#                     cluster nodes and interLink pods install: no Qt Widgets, OpenGL or VTK.
# Depends come from dpkg-shlibdeps over the installed binaries (plus the run-time Qt plugins
# below, which it cannot see).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME twinbench)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "Twinbench developers")
set(CPACK_PACKAGE_CONTACT "Twinbench developers <twinbench@users.noreply.github.com>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON) # Debian ships stripped binaries (lintian: unstripped-binary-or-object)
set(CPACK_COMPONENTS_ALL gui worker)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/twinbench/twinbench")
# Qt plugins are loaded at run time, so dpkg-shlibdeps cannot see them: the SQLite driver of
# Qt SQL (the run registry; found missing by packaging/container/smoke-test.sh: "the Qt SQLite
# driver (QSQLITE) is not available") and, for the GUI, the SVG icon and image plugins (its
# window icon). These two lines are the only Depends typed here.
set(CPACK_DEBIAN_WORKER_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_GUI_PACKAGE_DEPENDS "libqt6svg6")
set(CPACK_DEBIAN_GUI_PACKAGE_NAME twinbench)
set(CPACK_DEBIAN_WORKER_PACKAGE_NAME twinbench-worker)
# Both packages come from one source; CPack would name the source after each package otherwise.
set(CPACK_DEBIAN_PACKAGE_SOURCE twinbench)
# Each component's description starts with its own synopsis line; an empty project summary
# keeps CPack from putting one summary in front of both. CPack indents the lines that follow.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
set(CPACK_COMPONENT_GUI_DESCRIPTION "workbench for scientific digital twins
Twinbench opens NetCDF, Zarr, HDF5 and GeoTIFF results in VTK views with
their uncertainty, runs the thematic twins (tropical cyclones, calorimeter
showers, wildfire burned area, pulsar and RFI) on this workstation or a
SLURM cluster, and exports figures, animations and reports with provenance.")
set(CPACK_COMPONENT_WORKER_DESCRIPTION "worker and twins of the Twinbench workbench
twinbench-run executes the jobs of the Twinbench twins (generators, LibTorch
training and inference, validation) headless, on a workstation, a SLURM
node or an interLink pod, and inspects datasets from the command line.
It carries no GUI library.")
include(CPack)
cpack_add_component(worker DISPLAY_NAME "Worker and twins")
cpack_add_component(gui DISPLAY_NAME "Workbench (GUI)" DEPENDS worker)

# Per-package documentation Debian requires: the copyright file and, for a native package, its
# changelog, compressed the way lintian expects (gzip -9n: no name, no time stamp).
set(twinbench_changelog_gz "${CMAKE_BINARY_DIR}/packaging/changelog.gz")
add_custom_command(OUTPUT "${twinbench_changelog_gz}"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_BINARY_DIR}/packaging"
  COMMAND sh -c "gzip -9n -c '${CMAKE_CURRENT_LIST_DIR}/changelog' > '${twinbench_changelog_gz}'"
  DEPENDS "${CMAKE_CURRENT_LIST_DIR}/changelog" VERBATIM)
add_custom_target(twinbench_package_docs ALL DEPENDS "${twinbench_changelog_gz}")
foreach(component_package IN ITEMS "gui;twinbench" "worker;twinbench-worker")
  list(GET component_package 0 component)
  list(GET component_package 1 package)
  install(FILES "${CMAKE_CURRENT_LIST_DIR}/copyright"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${package}" COMPONENT ${component})
  install(FILES "${twinbench_changelog_gz}"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${package}" COMPONENT ${component})
endforeach()

# Manual pages made from the programs' own --help and --version by help2man (lintian:
# no-manual-page), gzip -9n as Debian wants them. The GUI answers --help without a display.
find_program(HELP2MAN_EXECUTABLE help2man)
if(HELP2MAN_EXECUTABLE)
  set(twinbench_man_pages "")
  foreach(program_component_name IN ITEMS
          "twinbench-run;worker;worker of the Twinbench workbench for scientific digital twins"
          "twinbench;gui;workbench for scientific digital twins")
    list(GET program_component_name 0 program)
    list(GET program_component_name 1 component)
    list(GET program_component_name 2 name)
    set(page "${CMAKE_BINARY_DIR}/packaging/${program}.1")
    add_custom_command(OUTPUT "${page}.gz"
      COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen
              "${HELP2MAN_EXECUTABLE}" --no-info --no-discard-stderr --name "${name}"
              --output "${page}" "$<TARGET_FILE:${program}>"
      COMMAND gzip -9nf "${page}"
      DEPENDS ${program} VERBATIM)
    list(APPEND twinbench_man_pages "${page}.gz")
    install(FILES "${page}.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT ${component})
  endforeach()
  add_custom_target(twinbench_man_pages ALL DEPENDS ${twinbench_man_pages})
else()
  message(STATUS "help2man not found: no manual pages (packaging/install-deps.sh installs it)")
endif()
