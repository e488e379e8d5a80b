# Shared by the consumer projects: they differ only in how they find kefu.
set(KEFU_CONSUMER_MAIN "${CMAKE_CURRENT_LIST_DIR}/main.cpp")

# kefu_add_consumer(<kefu target>): the `consumer` program, linked to kefu the
# way the calling project found it.
function(kefu_add_consumer kefu_target)
    add_executable(consumer "${KEFU_CONSUMER_MAIN}")
    target_compile_features(consumer PRIVATE cxx_std_20)
    target_link_libraries(consumer PRIVATE ${kefu_target})
endfunction()
