#include "twinbench/widgets/RunDetails.h"

#include "twinbench/federation/BackendSettings.h"
#include "twinbench/federation/RunLogReader.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/widgets/LogTail.h"
#include "twinbench/widgets/MetricsChart.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace twins::widgets {

namespace {

// The Results list's "Live extracts" item (declared results carry their index, >= 0).
constexpr int liveItemIndex = -1;

QString liveItemText(const QJsonObject& insitu) {
    return QObject::tr("Live extracts: %1, step %2 (in situ)")
        .arg(insitu.value(QStringLiteral("stream")).toString())
        .arg(insitu.value(QStringLiteral("step")).toInteger());
}

QJsonObject readJsonObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

void addJsonChildren(QTreeWidgetItem* parent, const QJsonValue& value) {
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            auto* item = new QTreeWidgetItem(parent, {it.key()});
            if (it.value().isObject() || it.value().isArray()) {
                addJsonChildren(item, it.value());
            } else {
                item->setText(1, it.value().toVariant().toString());
            }
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            auto* item = new QTreeWidgetItem(parent, {QStringLiteral("[%1]").arg(i)});
            if (array[i].isObject() || array[i].isArray()) {
                addJsonChildren(item, array[i]);
            } else {
                item->setText(1, array[i].toVariant().toString());
            }
        }
    }
}

} // namespace

RunDetails::RunDetails(QWidget* parent) : QTabWidget(parent) {
    m_log = new LogTail(this);
    m_chart = new MetricsChart(this);
    m_outputs = new QListWidget(this);
    auto* resultsPage = new QWidget(this);
    auto* resultsLayout = new QVBoxLayout(resultsPage);
    resultsLayout->setContentsMargins(2, 2, 2, 2);
    m_resultsNote = new QLabel(resultsPage);
    m_resultsNote->setObjectName(QStringLiteral("resultsNote"));
    m_resultsNote->setWordWrap(true);
    m_domainWarning = new QLabel(resultsPage);
    m_domainWarning->setObjectName(QStringLiteral("domainWarning"));
    m_domainWarning->setWordWrap(true);
    m_domainWarning->setStyleSheet(
        QStringLiteral("QLabel{background:#ffe0b2;color:#5d2c00;border:1px solid #e65100;"
                       "padding:4px}"));
    m_domainWarning->hide();
    m_results = new QListWidget(resultsPage);
    m_results->setObjectName(QStringLiteral("resultList"));
    resultsLayout->addWidget(m_domainWarning);
    resultsLayout->addWidget(m_resultsNote);
    resultsLayout->addWidget(m_results, 1);
    m_provenance = new QTreeWidget(this);
    m_provenance->setHeaderLabels({tr("Field"), tr("Value")});
    m_spec = new QPlainTextEdit(this);
    m_spec->setReadOnly(true);
    addTab(m_log, tr("Log"));
    addTab(m_chart, tr("Metrics"));
    addTab(resultsPage, tr("Results"));
    addTab(m_outputs, tr("Outputs"));
    addTab(m_provenance, tr("Provenance"));
    addTab(m_spec, tr("Spec"));
    connect(m_outputs, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit outputActivated(item->data(Qt::UserRole).toString());
    });
    connect(m_results, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const int index = item->data(Qt::UserRole).toInt();
        if (index == liveItemIndex) {
            emit liveExtractsActivated(m_runId, m_runDirectory);
            return;
        }
        if (!m_modules) {
            return;
        }
        for (const sdk::ModuleMetadata& module : *m_modules) {
            if (module.id == m_moduleId && index >= 0 && index < module.results.size()) {
                emit resultActivated(m_runId, m_runDirectory, module.results.at(index));
                return;
            }
        }
    });
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &RunDetails::startRefresh);
    connect(&m_reader, &QFutureWatcher<Snapshot>::finished, this, &RunDetails::applySnapshot);
}

void RunDetails::showRun(const std::optional<runs::RunRecord>& record) {
    if (!record) {
        m_runId.clear();
        m_runDirectory.clear();
        m_timer.stop();
        m_log->follow({});
        m_chart->clearMetrics();
        m_outputs->clear();
        m_outputFiles.clear();
        m_insitu = {};
        m_domainWarning->hide();
        m_moduleId.clear();
        m_action.clear();
        updateResults();
        m_provenance->clear();
        m_spec->clear();
        return;
    }
    const bool sameRun = record->id == m_runId;
    const bool wasActive = m_active;
    m_active = !runs::isTerminal(record->state);
    if (!sameRun) {
        m_runId = record->id;
        m_runDirectory = record->runDirectory;
        m_moduleId = record->moduleId;
        m_action = record->action;
        m_chart->clearMetrics();
        m_outputs->clear();
        m_outputFiles.clear();
        m_insitu = {};
        m_domainWarning->hide();
        updateResults();
        m_provenance->clear();
        m_spec->clear();
        followLog(*record);
    } else if (record->backend == QLatin1String("interlink") && m_logBackendJobId.isEmpty() &&
               !record->backendJobId.isEmpty()) {
        followLog(*record); // shown before its pod existed: now the site has its log
    }
    if (!m_active) {
        m_log->finishAfterNextRead();
    }
    if (m_active) {
        m_timer.start();
    } else {
        m_timer.stop();
    }
    // One last read when the run just ended: outputs and prov.json appear at the end.
    if (!sameRun || m_active || wasActive) {
        startRefresh();
    }
}

void RunDetails::followLog(const runs::RunRecord& record) {
    m_logBackendJobId = record.backendJobId;
    if (record.backend != QLatin1String("interlink")) {
        m_log->follow(QDir(record.runDirectory).filePath(QStringLiteral("log.txt")));
        return;
    }
    // The site's own account of the job (GET /getLogs), which also has what the job printed
    // before the worker started or after it died; log.txt when the API cannot be asked.
    m_log->followReader(QStringLiteral("interlink:") + record.id, [record] {
        return federation::openRunLog(record, federation::BackendSettings::load());
    });
}

void RunDetails::startRefresh() {
    if (m_reader.isRunning() || m_runDirectory.isEmpty()) {
        return;
    }
    const QString runId = m_runId;
    const QString directory = m_runDirectory;
    m_reader.setFuture(QtConcurrent::run([runId, directory]() {
        Snapshot snapshot;
        snapshot.runId = runId;
        try {
            const QDir run(directory);
            snapshot.metrics =
                runs::readMetrics(run.filePath(QStringLiteral("metrics.jsonl"))).points;
            QDirIterator files(run.filePath(QStringLiteral("outputs")), QDir::Files,
                               QDirIterator::Subdirectories);
            while (files.hasNext()) {
                snapshot.outputs << files.next();
            }
            snapshot.outputs.sort();
            snapshot.provenance = readJsonObject(run.filePath(QStringLiteral("prov.json")));
            snapshot.spec = readJsonObject(run.filePath(QStringLiteral("spec.json")));
            snapshot.domain = readJsonObject(run.filePath(QStringLiteral("outputs/domain.json")));
            snapshot.insitu = readJsonObject(run.filePath(QStringLiteral("status.json")))
                                  .value(QStringLiteral("insitu"))
                                  .toObject();
        } catch (const runs::RunError& error) {
            snapshot.error = QString::fromUtf8(error.what());
        }
        return snapshot;
    }));
}

void RunDetails::applySnapshot() {
    const Snapshot snapshot = m_reader.result();
    if (snapshot.runId != m_runId) {
        return;
    }
    m_chart->setPoints(snapshot.metrics);
    showDomain(snapshot.domain);
    QStringList shown;
    for (int row = 0; row < m_outputs->count(); ++row) {
        shown << m_outputs->item(row)->data(Qt::UserRole).toString();
    }
    if (shown != snapshot.outputs) {
        m_outputs->clear();
        const QDir outputs(QDir(m_runDirectory).filePath(QStringLiteral("outputs")));
        for (const QString& path : snapshot.outputs) {
            auto* item = new QListWidgetItem(outputs.relativeFilePath(path), m_outputs);
            item->setData(Qt::UserRole, path);
            item->setToolTip(path);
        }
    }
    if (m_outputFiles != snapshot.outputs || m_insitu.isEmpty() != snapshot.insitu.isEmpty()) {
        m_outputFiles = snapshot.outputs;
        m_insitu = snapshot.insitu;
        updateResults();
    } else if (m_insitu != snapshot.insitu && m_results->count() > 0) {
        // A newer extract: its item says so, the list is not rebuilt under the user's mouse.
        m_insitu = snapshot.insitu;
        m_results->item(0)->setText(liveItemText(m_insitu));
    }
    if (m_provenance->topLevelItemCount() == 0 && !snapshot.provenance.isEmpty()) {
        auto* root = new QTreeWidgetItem(m_provenance, {QStringLiteral("prov.json")});
        addJsonChildren(root, snapshot.provenance);
        root->setExpanded(true);
    }
    if (m_spec->toPlainText().isEmpty() && !snapshot.spec.isEmpty()) {
        m_spec->setPlainText(
            QString::fromUtf8(QJsonDocument(snapshot.spec).toJson(QJsonDocument::Indented)));
    }
    if (!snapshot.error.isEmpty()) {
        m_log->appendPlainText(tr("Twinbench could not read this run: %1").arg(snapshot.error));
    }
    emit refreshed();
}

void RunDetails::showDomain(const QJsonObject& domain) {
    if (domain.value(QStringLiteral("format")).toString() != QStringLiteral("twinbench-domain/1") ||
        domain.value(QStringLiteral("inside")).toBool(true)) {
        m_domainWarning->hide();
        return;
    }
    QStringList lines;
    for (const QJsonValue& value : domain.value(QStringLiteral("departures")).toArray()) {
        const QJsonObject departure = value.toObject();
        lines << tr("%1: asked %2, trained on %3")
                     .arg(departure.value(QStringLiteral("dimension")).toString(),
                          departure.value(QStringLiteral("requested")).toString(),
                          departure.value(QStringLiteral("trained")).toString());
    }
    m_domainWarning->setText(tr("\u26a0 Outside the model's training domain: the results "
                                "extrapolate. %1.")
                                 .arg(lines.join(QStringLiteral("; "))));
    m_domainWarning->show();
}

void RunDetails::setModules(const QList<sdk::ModuleMetadata>& modules) {
    m_modules = modules;
    updateResults();
}

void RunDetails::updateResults() {
    // Decided from the file list the last refresh read on the thread pool: no file system
    // access here. A result whose output is a directory (a Zarr store) exists when a file
    // below it does.
    m_results->clear();
    if (m_runId.isEmpty()) {
        m_resultsNote->clear();
        return;
    }
    if (!m_insitu.isEmpty()) {
        auto* live = new QListWidgetItem(liveItemText(m_insitu), m_results);
        live->setData(Qt::UserRole, liveItemIndex);
        live->setToolTip(tr("The run's newest in-situ extract, followed while the run goes on; "
                            "double-click to show it in a view"));
    }
    if (!m_modules) {
        m_resultsNote->setText(tr("Reading the twins' declared results…"));
        return;
    }
    const sdk::ModuleMetadata* module = nullptr;
    for (const sdk::ModuleMetadata& candidate : *m_modules) {
        module = candidate.id == m_moduleId ? &candidate : module;
    }
    if (module == nullptr) {
        m_resultsNote->setText(tr("Module %1 is not in the plugin search path, so its declared "
                                  "results are unknown; the Outputs tab lists the files.")
                                   .arg(m_moduleId));
        return;
    }
    const QDir outputs(QDir(m_runDirectory).filePath(QStringLiteral("outputs")));
    int declared = 0;
    QStringList missing;
    for (int index = 0; index < module->results.size(); ++index) {
        const sdk::ResultSpec& spec = module->results.at(index);
        if (spec.action != m_action) {
            continue;
        }
        ++declared;
        const QString path = QDir::cleanPath(outputs.filePath(spec.output));
        const bool exists =
            std::any_of(m_outputFiles.begin(), m_outputFiles.end(), [&path](const QString& file) {
                const QString clean = QDir::cleanPath(file);
                return clean == path || clean.startsWith(path + QLatin1Char('/'));
            });
        if (!exists) {
            missing << spec.output;
            continue;
        }
        const QString title = spec.title.isEmpty() ? spec.output : spec.title;
        auto* item =
            new QListWidgetItem(QStringLiteral("%1 (%2)").arg(title, spec.kind), m_results);
        item->setData(Qt::UserRole, index);
        item->setToolTip(tr("%1 in outputs/; double-click to show it").arg(spec.output));
    }
    missing.removeDuplicates();
    if (declared == 0) {
        m_resultsNote->setText(tr("%1 declares no results for its %2 action; the Outputs tab "
                                  "lists the files.")
                                   .arg(module->name, m_action));
    } else if (!missing.isEmpty()) {
        m_resultsNote->setText(tr("%1 of %2 declared results are in outputs/ (not there yet: %3).")
                                   .arg(m_results->count() - (m_insitu.isEmpty() ? 0 : 1))
                                   .arg(declared)
                                   .arg(missing.join(QStringLiteral(", "))));
    } else {
        m_resultsNote->setText(tr("Double-click a result to show it."));
    }
}

} // namespace twins::widgets
