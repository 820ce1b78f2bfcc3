# Sanitizers apply to the whole build (a sanitized library must not link into an unsanitized test).
if(OVLAB_SANITIZE)
    list(JOIN OVLAB_SANITIZE "," _ovlab_sanitizers)
    add_compile_options(-fsanitize=${_ovlab_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=${_ovlab_sanitizers})
endif()
