#include "twinbench/federation/RunResources.h"

#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/sdk/ModuleCatalog.h"

namespace twins::federation {

sdk::ActionResources runResources(const QString& runDirectory) {
    twins::runs::RunSpec spec;
    try {
        spec = twins::runs::RunDirectory::open(runDirectory).spec();
    } catch (const twins::runs::RunError&) {
        return {}; // the worker reports an unreadable spec itself
    }
    // The catalog reads each plugin's ELF metadata section (milliseconds), once per submission.
    const sdk::ModuleCatalog catalog =
        sdk::ModuleCatalog::scan(sdk::ModuleCatalog::defaultSearchPaths());
    const sdk::ModuleEntry* module = catalog.find(spec.moduleId);
    const sdk::ActionSpec* action =
        module != nullptr ? module->metadata.findAction(spec.action) : nullptr;
    return action != nullptr ? action->resources.forRun(spec.parameters) : sdk::ActionResources{};
}

} // namespace twins::federation
