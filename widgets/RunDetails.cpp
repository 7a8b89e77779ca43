#include "twinbench/widgets/RunDetails.h"

#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/widgets/LogTail.h"
#include "twinbench/widgets/MetricsChart.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTreeWidget>
#include <QtConcurrent/QtConcurrentRun>

namespace twins::widgets {

namespace {

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
    m_provenance = new QTreeWidget(this);
    m_provenance->setHeaderLabels({tr("Field"), tr("Value")});
    m_spec = new QPlainTextEdit(this);
    m_spec->setReadOnly(true);
    addTab(m_log, tr("Log"));
    addTab(m_chart, tr("Metrics"));
    addTab(m_outputs, tr("Outputs"));
    addTab(m_provenance, tr("Provenance"));
    addTab(m_spec, tr("Spec"));
    connect(m_outputs, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit outputActivated(item->data(Qt::UserRole).toString());
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
        m_chart->clearMetrics();
        m_outputs->clear();
        m_provenance->clear();
        m_spec->clear();
        m_log->follow(QDir(m_runDirectory).filePath(QStringLiteral("log.txt")));
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

} // namespace twins::widgets
