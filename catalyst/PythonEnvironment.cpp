#include "PythonEnvironment.h"

#include <vtkPythonInterpreter.h>

#include <dlfcn.h>
#include <link.h>

namespace twins::insitu::catalyst {

namespace {

// The path of the libpython this process has loaded (whatever its version), or "".
std::string loadedLibpython() {
    std::string found;
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* data) {
            const std::string name = info->dlpi_name != nullptr ? info->dlpi_name : "";
            const std::size_t slash = name.rfind('/');
            if (name.compare(slash == std::string::npos ? 0 : slash + 1, 9, "libpython") == 0) {
                *static_cast<std::string*>(data) = name;
                return 1;
            }
            return 0;
        },
        &found);
    return found;
}

// A Python string literal holding `value`.
std::string pythonLiteral(const std::string& value) {
    std::string literal = "'";
    for (const char c : value) {
        if (c == '\\' || c == '\'') {
            literal += '\\';
            literal += c;
        } else if (c == '\n') {
            literal += "\\n";
        } else {
            literal += c;
        }
    }
    return literal + "'";
}

} // namespace

std::string promoteLibpythonToGlobalScope() {
    const std::string path = loadedLibpython();
    if (path.empty()) {
        return "no libpython is loaded in this process (ParaView's Python libraries link it)";
    }
    if (dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL) == nullptr) {
        const char* error = dlerror();
        return "could not make " + path + " global: " + (error != nullptr ? error : "");
    }
    return {};
}

std::string prepareInterpreter(const std::string& pythonDir, const std::string& liveUrl) {
    std::string code = "import sys\n"
                       "_twinbench_path = " +
                       pythonLiteral(pythonDir) +
                       "\n"
                       "sys.path = [_twinbench_path] + [p for p in sys.path if p != "
                       "_twinbench_path]\n"
                       "del _twinbench_path\n";
    if (!liveUrl.empty()) {
        code += "def _twinbench_live():\n"
                "    from paraview.catalyst import v2_internals\n"
                "    validate = v2_internals._validate_and_initialize\n"
                "    def validate_with_live(module):\n"
                "        validate(module)\n"
                "        module.options.EnableCatalystLive = 1\n"
                "        module.options.CatalystLiveURL = " +
                pythonLiteral(liveUrl) +
                "\n"
                "    v2_internals._validate_and_initialize = validate_with_live\n"
                "_twinbench_live()\n"
                "del _twinbench_live\n";
    }
    if (vtkPythonInterpreter::RunSimpleString(code.c_str()) != 0) {
        return "could not prepare ParaView's Python (sys.path, Catalyst Live); Python's error "
               "is on the worker's standard error";
    }
    return {};
}

} // namespace twins::insitu::catalyst
