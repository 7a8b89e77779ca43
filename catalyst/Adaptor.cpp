// libtwinbench_catalyst.so: the C entry points of twinbench/insitu/CatalystAbi.h over ParaView
// 5.11's legacy Catalyst (vtkCPProcessor with one vtkCPPythonScriptV2Pipeline running the run's
// insitu_script). Loaded by the worker's Publisher alone (CatalystSession.cpp), never linked.
#include "PythonEnvironment.h"
#include "SnapshotDatasets.h"
#include "twinbench/insitu/CatalystAbi.h"

#include <vtkCPDataDescription.h>
#include <vtkCPInputDataDescription.h>
#include <vtkCPProcessor.h>
#include <vtkCPPythonScriptV2Pipeline.h>
#include <vtkNew.h>

#include <cstdio>
#include <exception>
#include <string>

#define TWINBENCH_CATALYST_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

vtkCPProcessor* processor = nullptr;
// Set once a session finished: ParaView ended MPI then, and MPI cannot start again.
bool finished = false;

int fail(char* message, std::size_t size, const std::string& why) {
    if (message != nullptr && size > 0) {
        std::snprintf(message, size, "%s", why.c_str());
    }
    return 1;
}

void release() {
    if (processor != nullptr) {
        processor->Finalize();
        processor->Delete();
        processor = nullptr;
        finished = true;
    }
}

} // namespace

TWINBENCH_CATALYST_EXPORT int twinbench_catalyst_abi_version(void) {
    return TWINBENCH_CATALYST_ABI_VERSION;
}

TWINBENCH_CATALYST_EXPORT int
twinbench_catalyst_initialize(const twinbench_catalyst_settings* settings, char* message,
                              size_t size) {
    try {
        if (processor != nullptr) {
            return fail(message, size, "Catalyst is already running in this process");
        }
        if (finished) {
            return fail(message, size,
                        "Catalyst ran and finished in this process already; ParaView ended MPI "
                        "then and it cannot start twice (one co-processing run per process)");
        }
        if (const std::string why = twins::insitu::catalyst::promoteLibpythonToGlobalScope();
            !why.empty()) {
            return fail(message, size, why);
        }
        processor = vtkCPProcessor::New();
        // Starts MPI (a singleton: no mpirun, measured as root) and Python. The working
        // directory is where the script's relative extract paths land.
        if (processor->Initialize(settings->working_directory) == 0) {
            release();
            return fail(message, size, "vtkCPProcessor::Initialize failed");
        }
        if (const std::string why = twins::insitu::catalyst::prepareInterpreter(
                TWINBENCH_PARAVIEW_PYTHON_DIR,
                settings->live_url != nullptr ? settings->live_url : "");
            !why.empty()) {
            release();
            return fail(message, size, why);
        }
        vtkNew<vtkCPPythonScriptV2Pipeline> pipeline;
        if (!pipeline->Initialize(settings->script)) {
            release();
            return fail(message, size,
                        std::string("ParaView could not load the Catalyst script ") +
                            settings->script +
                            " (ParaView's message is on the worker's standard error)");
        }
        processor->AddPipeline(pipeline);
        return 0;
    } catch (const std::exception& error) {
        release();
        return fail(message, size, error.what());
    }
}

TWINBENCH_CATALYST_EXPORT int
twinbench_catalyst_coprocess(const twinbench_catalyst_snapshot* snapshot, char* message,
                             size_t size) {
    try {
        if (processor == nullptr) {
            return fail(message, size, "Catalyst is not initialized");
        }
        const auto channels = twins::insitu::catalyst::snapshotChannels(*snapshot);
        vtkNew<vtkCPDataDescription> description;
        for (const auto& channel : channels) {
            description->AddInput(channel.name.c_str());
        }
        description->SetTimeData(snapshot->time, static_cast<vtkIdType>(snapshot->step));
        if (processor->RequestDataDescription(description) == 0) {
            return 0; // the script wants nothing at this step
        }
        for (const auto& channel : channels) {
            vtkCPInputDataDescription* input =
                description->GetInputDescriptionByName(channel.name.c_str());
            if (input == nullptr || !input->GetIfGridIsNecessary()) {
                continue;
            }
            if (channel.structured) {
                input->SetWholeExtent(const_cast<int*>(channel.wholeExtent));
            }
            input->SetGrid(channel.data);
        }
        if (processor->CoProcess(description) == 0) {
            return fail(message, size,
                        "ParaView's Catalyst pipeline failed at step " +
                            std::to_string(snapshot->step) +
                            " (its message is on the worker's standard error)");
        }
        return 0;
    } catch (const std::exception& error) {
        return fail(message, size, "step " + std::to_string(snapshot->step) + ": " + error.what());
    }
}

TWINBENCH_CATALYST_EXPORT int twinbench_catalyst_finalize(char* message, size_t size) {
    try {
        release();
        return 0;
    } catch (const std::exception& error) {
        return fail(message, size, error.what());
    }
}
