#pragma once

#include "twinbench/insitu/InsituSettings.h"
#include "twinbench/insitu/Snapshot.h"

#include <QString>

#include <cstdint>
#include <memory>

namespace twins::sdk {
class ActionContext;
}

namespace twins::insitu {

// How a twin publishes while it runs (issue 24). An action makes one Publisher from its context
// and, at each step, asks due(step, steps) and publishes a Snapshot when it is:
//
//   twins::insitu::Publisher publisher(context);
//   for (step ...) {
//       if (publisher.due(step, steps)) publisher.publish(snapshotOf(step));
//   }
//
// With insitu=off (the default) due() is always false and nothing is written. With
// insitu=extracts each snapshot becomes insitu/<stream>_<step>.nc in the run directory (CF
// NetCDF, written atomically, ExtractWriter.h); the oldest extracts beyond insitu_keep are
// removed; status.json's "insitu" names the newest ({"step", "file", "count", "time"}) so a
// reader on another node follows the run by status.json alone; prov.json lists the extracts
// kept when the run ends. insitu=catalyst writes the same extracts and also hands each snapshot
// to ParaView Catalyst (CatalystSession.h), whose script writes its own extracts under insitu/;
// it is refused at the run's start when the worker has no Catalyst adaptor (InsituSettings.h,
// checkRunStart).
class CatalystSession;

class Publisher {
public:
    // The directory is insitu/ beside the context's outputDirectory(). The settings (the SDK's
    // common run parameters) are the run's, from its spec.json, when outputs/ is in a run
    // directory, else the context's parameters. insitu=catalyst starts Catalyst here (the
    // adaptor loaded, the script read; an unreachable insitu_live logs one warning and the run
    // goes on without Live). Throws SdkError for insitu=catalyst without an adaptor or when
    // Catalyst does not start.
    explicit Publisher(sdk::ActionContext& context);
    ~Publisher(); // finalizes Catalyst
    Publisher(const Publisher&) = delete;
    Publisher& operator=(const Publisher&) = delete;

    const InsituSettings& settings() const { return m_settings; }
    bool enabled() const { return m_settings.enabled(); }
    bool due(std::int64_t step, std::int64_t steps) const { return m_settings.due(step, steps); }

    // Writes the snapshot (and co-processes it with insitu=catalyst); returns the extract's
    // path. Throws SdkError for a snapshot whose shapes do not add up or a Catalyst pipeline
    // that fails, DataError when the file cannot be written.
    QString publish(const Snapshot& snapshot);

    int published() const { return m_published; }
    QString directory() const { return m_directory; }

private:
    void removeBeyondRetention();
    void recordInStatus(const Snapshot& snapshot, const QString& fileName);
    void startCatalyst();

    sdk::ActionContext& m_context;
    InsituSettings m_settings;
    QString m_runDirectory;
    QString m_directory;
    std::string m_runId;
    int m_published = 0;
    std::unique_ptr<CatalystSession> m_catalyst;
};

// The extract file name of a step: <stream>_<step, 8 digits>.nc.
QString extractFileName(const std::string& stream, std::int64_t step);

} // namespace twins::insitu
