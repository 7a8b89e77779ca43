#include "twinbench/insitu/Publisher.h"

#include "twinbench/insitu/CatalystAdaptor.h"
#include "twinbench/insitu/CatalystSession.h"
#include "twinbench/insitu/ExtractWriter.h"
#include "twinbench/insitu/LiveEndpoint.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunSpec.h"
#include "twinbench/runs/RunStatus.h"
#include "twinbench/sdk/TwinModule.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace twins::insitu {

QString extractFileName(const std::string& stream, std::int64_t step) {
    return QStringLiteral("%1_%2.nc")
        .arg(QString::fromStdString(stream))
        .arg(step, 8, 10, QLatin1Char('0'));
}

Publisher::Publisher(sdk::ActionContext& context)
    : m_context(context), m_runDirectory(QFileInfo(context.outputDirectory()).absolutePath()),
      m_directory(m_runDirectory + QStringLiteral("/insitu")) {
    // In a run directory the settings are the run's (spec.json; the worker gives the twin only
    // its own parameters); elsewhere (a test's context) they come with the parameters.
    if (QFileInfo(m_runDirectory + QStringLiteral("/spec.json")).isFile()) {
        const runs::RunDirectory run = runs::RunDirectory::open(m_runDirectory);
        m_runId = run.runId().toStdString();
        m_settings = InsituSettings::fromParameters(run.spec().parameters);
    } else {
        m_settings = InsituSettings::fromParameters(context.parameters());
    }
    if (!m_settings.enabled()) {
        return;
    }
    QDir().mkpath(m_directory);
    if (m_settings.mode == InsituMode::Catalyst) {
        startCatalyst();
    } else if (!m_settings.script.isEmpty() || !m_settings.live.isEmpty()) {
        m_context.log(QStringLiteral("insitu_script and insitu_live are used with "
                                     "insitu=catalyst only; not used by insitu=extracts"));
    }
    m_context.log(QStringLiteral("in-situ extracts to %1 (insitu=%2, every %3, keep %4)")
                      .arg(m_directory,
                           m_catalyst ? QStringLiteral("catalyst") : QStringLiteral("extracts"),
                           m_settings.every > 0 ? QString::number(m_settings.every)
                                                : QStringLiteral("automatic"))
                      .arg(m_settings.keep));
}

Publisher::~Publisher() = default;

void Publisher::startCatalyst() {
    const QString adaptor = requireCatalystAdaptor();
    QString live = m_settings.live;
    if (!live.isEmpty()) {
        if (const QString problem = liveEndpointProblem(live); !problem.isEmpty()) {
            m_context.log(QStringLiteral("warning: insitu_live %1 is unreachable (%2): no "
                                         "ParaView is waiting for Catalyst Live there; the run "
                                         "goes on without Live")
                              .arg(live, problem));
            live.clear();
        }
    }
    // Catalyst's working directory is insitu/: the script's relative extract paths land there.
    m_catalyst = std::make_unique<CatalystSession>(adaptor, m_settings.script, m_directory, live);
    m_context.log(
        QStringLiteral("ParaView Catalyst started: adaptor %1, script %2%3")
            .arg(adaptor, m_settings.script,
                 live.isEmpty() ? QString() : QStringLiteral(", Catalyst Live to %1").arg(live)));
}

QString Publisher::publish(const Snapshot& snapshot) {
    const QString fileName = extractFileName(snapshot.stream, snapshot.step);
    const QString path = m_directory + QLatin1Char('/') + fileName;
    writeExtract(snapshot, path.toStdString(), m_runId);
    if (m_catalyst) {
        m_catalyst->coprocess(snapshot);
    }
    ++m_published;
    removeBeyondRetention();
    recordInStatus(snapshot, fileName);
    return path;
}

void Publisher::removeBeyondRetention() {
    // Names sort by stream, then step (8 digits): order by the step first, so the oldest go.
    QStringList extracts = QDir(m_directory).entryList({QStringLiteral("*.nc")}, QDir::Files);
    if (extracts.size() <= m_settings.keep) {
        return;
    }
    const auto stepOf = [](const QString& name) {
        return name.section(QLatin1Char('_'), -1).section(QLatin1Char('.'), 0, 0).toLongLong();
    };
    std::sort(extracts.begin(), extracts.end(), [&](const QString& a, const QString& b) {
        return std::pair(stepOf(a), a) < std::pair(stepOf(b), b);
    });
    for (qsizetype index = 0; index < extracts.size() - m_settings.keep; ++index) {
        QFile::remove(m_directory + QLatin1Char('/') + extracts.at(index));
    }
}

void Publisher::recordInStatus(const Snapshot& snapshot, const QString& fileName) {
    if (m_runId.empty()) {
        return; // not a run directory (a test's context): nothing to record
    }
    const runs::RunDirectory run = runs::RunDirectory::open(m_runDirectory);
    runs::RunStatus status = run.status();
    status.insitu =
        QJsonObject{{QStringLiteral("step"), static_cast<double>(snapshot.step)},
                    {QStringLiteral("stream"), QString::fromStdString(snapshot.stream)},
                    {QStringLiteral("file"), QStringLiteral("insitu/") + fileName},
                    {QStringLiteral("count"), m_published},
                    {QStringLiteral("time"), runs::isoTime(QDateTime::currentDateTimeUtc())}};
    run.writeStatus(status);
}

} // namespace twins::insitu
