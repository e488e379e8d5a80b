# Install rules: the library, headers, CLI, CMake package and pkg-config file.
include(CMakePackageConfigHelpers)

set(KEFU_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/kefu")

install(TARGETS kefu EXPORT kefuTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/kefu" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET kefu_cli)
    install(TARGETS kefu_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

install(EXPORT kefuTargets NAMESPACE kefu:: DESTINATION ${KEFU_CMAKE_DIR})
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/kefuConfig.cmake.in"
    "${PROJECT_BINARY_DIR}/kefuConfig.cmake" INSTALL_DESTINATION ${KEFU_CMAKE_DIR})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/kefuConfigVersion.cmake"
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/kefuConfig.cmake" "${PROJECT_BINARY_DIR}/kefuConfigVersion.cmake"
    DESTINATION ${KEFU_CMAKE_DIR})

# The .pc file is rendered at install time so that it names the prefix given
# to `cmake --install --prefix`, not the one chosen at configure time.
install(CODE "
    set(CMAKE_INSTALL_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
    set(CMAKE_INSTALL_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
    set(CMAKE_INSTALL_INCLUDEDIR \"${CMAKE_INSTALL_INCLUDEDIR}\")
    set(PROJECT_DESCRIPTION \"${PROJECT_DESCRIPTION}\")
    set(PROJECT_VERSION \"${PROJECT_VERSION}\")
    configure_file(\"${PROJECT_SOURCE_DIR}/cmake/kefu.pc.in\" \"${PROJECT_BINARY_DIR}/kefu.pc\" @ONLY)
    file(INSTALL \"${PROJECT_BINARY_DIR}/kefu.pc\" DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig\")
")
