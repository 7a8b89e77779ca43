#pragma once

#include "twinbench/runs/RunDirectory.h"

#include <QJsonObject>
#include <QString>

namespace twins::runs {

// Namespace IRIs of the identifiers in prov.json. Run-local identifiers ("run:<id>/outputs/a.nc")
// are URNs: they name things, they do not pretend to be resolvable web addresses.
inline constexpr char provTwinbenchNamespace[] = "urn:twinbench:prov#";
inline constexpr char provRunNamespace[] = "urn:twinbench:run:";
inline constexpr char provFileNamespace[] = "file://";

// The job's record of the URL inputs it fetched (twins/sdk/jobs InputResolution.h), in the run
// directory: {"inputs": [{"index", "url", "etag", "lastModified", "byteSize", "bytesFetched",
// "sha256", "fetchedWhole", "localCopy"}]}, index being the input's position in the spec.
inline constexpr char remoteInputsFile[] = "remote-inputs.json";

// The W3C PROV-JSON document (W3C Member Submission "PROV-JSON", 2013) of a finished run:
// - activity  run:<id>, with prov:startTime / prov:endTime from status.json, module, action,
//             backend, final state, exit code and parameters;
// - entity    the spec (the plan), every input and every file under outputs/, files with
//             twinbench:sha256 and twinbench:byteSize; an input that is a run id becomes the
//             entity run:<id>/outputs, a relative input path is taken relative to the run
//             directory; a URL input becomes twinbench:remote/<url without credentials> with
//             prov:location, ETag/Last-Modified, bytes fetched and the object's SHA-256 from
//             remoteInputsFile (never the URL's credentials);
// - agent     the Twinbench build writing the record (prov:SoftwareAgent, version, git revision);
// - used, wasGeneratedBy, wasAssociatedWith (with the spec as prov:plan) linking them.
// Throws RunError naming status.json when the run has not reached a terminal state, or naming
// the file that could not be hashed.
QJsonObject buildProvenance(const RunDirectory& run);

// buildProvenance(), written atomically to the run's prov.json; returns the document.
QJsonObject writeProvenance(const RunDirectory& run);

} // namespace twins::runs
