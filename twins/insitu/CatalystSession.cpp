#include "twinbench/insitu/CatalystSession.h"

#include "twinbench/insitu/CatalystAbi.h"
#include "twinbench/sdk/SdkError.h"

#include <algorithm>
#include <dlfcn.h>
#include <vector>

namespace twins::insitu {

struct CatalystSession::Entry {
    void* library = nullptr;
    twinbench_catalyst_coprocess_function coprocess = nullptr;
    twinbench_catalyst_finalize_function finalize = nullptr;
};

namespace {

const QString where = QStringLiteral("insitu=catalyst");

template <typename Function> Function symbol(void* library, const char* name, const QString& path) {
    void* address = dlsym(library, name);
    if (address == nullptr) {
        throw sdk::SdkError(where, QStringLiteral("%1 is not a Twinbench Catalyst adaptor (no %2)")
                                       .arg(path, QLatin1String(name)));
    }
    return reinterpret_cast<Function>(address);
}

} // namespace

CatalystSession::CatalystSession(const QString& adaptor, const QString& script,
                                 const QString& workingDirectory, const QString& liveUrl) {
    // RTLD_LOCAL: ParaView's libraries (VTK 9.2) resolve among themselves and never lend their
    // symbols to anything else in the worker.
    void* library = dlopen(adaptor.toLocal8Bit().constData(), RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
        const char* error = dlerror();
        throw sdk::SdkError(where, QStringLiteral("could not load the Catalyst adaptor %1: %2")
                                       .arg(adaptor, QString::fromLocal8Bit(error ? error : "")));
    }
    // The library stays loaded to the end of the process: ParaView's statics must not be
    // unloaded under Python and MPI, which it started.
    const auto version = symbol<twinbench_catalyst_abi_version_function>(
        library, "twinbench_catalyst_abi_version", adaptor);
    if (version() != TWINBENCH_CATALYST_ABI_VERSION) {
        throw sdk::SdkError(where, QStringLiteral("the Catalyst adaptor %1 speaks ABI %2, this "
                                                  "worker %3: rebuild it with this worker")
                                       .arg(adaptor)
                                       .arg(version())
                                       .arg(TWINBENCH_CATALYST_ABI_VERSION));
    }
    const auto initialize = symbol<twinbench_catalyst_initialize_function>(
        library, "twinbench_catalyst_initialize", adaptor);
    Entry entry;
    entry.library = library;
    entry.coprocess = symbol<twinbench_catalyst_coprocess_function>(
        library, "twinbench_catalyst_coprocess", adaptor);
    entry.finalize = symbol<twinbench_catalyst_finalize_function>(
        library, "twinbench_catalyst_finalize", adaptor);

    const QByteArray scriptPath = script.toLocal8Bit();
    const QByteArray directory = workingDirectory.toLocal8Bit();
    const QByteArray live = liveUrl.toLocal8Bit();
    const twinbench_catalyst_settings settings{scriptPath.constData(), directory.constData(),
                                               live.constData()};
    char message[2048] = {};
    if (initialize(&settings, message, sizeof message) != 0) {
        throw sdk::SdkError(where, QStringLiteral("ParaView Catalyst did not start: %1")
                                       .arg(QString::fromLocal8Bit(message)));
    }
    m_entry = new Entry(entry);
}

CatalystSession::~CatalystSession() {
    if (m_entry != nullptr) {
        char message[2048] = {};
        m_entry->finalize(message, sizeof message);
        delete m_entry;
    }
}

void CatalystSession::coprocess(const Snapshot& snapshot) {
    // A view of the snapshot through the C ABI: pointers into its vectors, valid for the call.
    std::vector<twinbench_catalyst_axis> axes;
    for (const Axis& axis : snapshot.axes) {
        axes.push_back({axis.name.c_str(), axis.units.c_str(), axis.standardName.c_str(),
                        axis.values.data(), axis.values.size()});
    }
    std::vector<std::vector<std::size_t>> fieldAxes;
    for (const GridField& field : snapshot.fields) {
        std::vector<std::size_t> indices;
        for (const std::string& name : field.axes) {
            const auto found = std::find_if(snapshot.axes.begin(), snapshot.axes.end(),
                                            [&](const Axis& axis) { return axis.name == name; });
            if (found == snapshot.axes.end()) {
                throw sdk::SdkError(where, QStringLiteral("field '%1' of stream '%2' is on axis "
                                                          "'%3', which the snapshot lacks")
                                               .arg(QString::fromStdString(field.name),
                                                    QString::fromStdString(snapshot.stream),
                                                    QString::fromStdString(name)));
            }
            indices.push_back(static_cast<std::size_t>(found - snapshot.axes.begin()));
        }
        fieldAxes.push_back(std::move(indices));
    }
    std::vector<twinbench_catalyst_field> fields;
    for (std::size_t index = 0; index < snapshot.fields.size(); ++index) {
        const GridField& field = snapshot.fields[index];
        fields.push_back({field.name.c_str(), field.units.c_str(), field.longName.c_str(),
                          field.standardName.c_str(), fieldAxes[index].data(),
                          fieldAxes[index].size(), field.values.data(), field.values.size()});
    }
    std::vector<std::vector<twinbench_catalyst_column>> columns;
    std::vector<twinbench_catalyst_point_set> pointSets;
    for (const PointSet& set : snapshot.pointSets) {
        std::vector<twinbench_catalyst_column> setColumns;
        std::size_t size = set.columns.empty() ? 0 : set.columns.front().values.size();
        for (const PointColumn& column : set.columns) {
            size = std::min(size, column.values.size()); // equal lengths: ExtractWriter checks
            setColumns.push_back({column.name.c_str(), column.units.c_str(),
                                  column.standardName.c_str(), column.values.data()});
        }
        columns.push_back(std::move(setColumns));
        pointSets.push_back({set.name.c_str(), columns.back().data(), columns.back().size(), size});
    }
    std::vector<twinbench_catalyst_scalar> scalars;
    for (const Scalar& scalar : snapshot.scalars) {
        scalars.push_back({scalar.name.c_str(), scalar.units.c_str(), scalar.value});
    }
    const twinbench_catalyst_snapshot view{snapshot.stream.c_str(),
                                           snapshot.step,
                                           snapshot.time,
                                           snapshot.timeUnits.c_str(),
                                           snapshot.calendar.c_str(),
                                           axes.data(),
                                           axes.size(),
                                           fields.data(),
                                           fields.size(),
                                           pointSets.data(),
                                           pointSets.size(),
                                           scalars.data(),
                                           scalars.size()};
    char message[2048] = {};
    if (m_entry->coprocess(&view, message, sizeof message) != 0) {
        throw sdk::SdkError(where, QString::fromLocal8Bit(message));
    }
}

} // namespace twins::insitu
