// Workspace's files: opening them in the background (files, the embedded example, URLs opened
// elsewhere), listing them in Data and Recent Files, and showing the first field.
#include "support/BackgroundTask.h"
#include "support/ExampleData.h"
#include "support/FileLoading.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/widgets/DataBrowser.h"
#include "twinbench/widgets/RecentFiles.h"
#include "workspace/Workspace.h"

#include <QFileInfo>
#include <QPointer>

namespace twins::app {

void Workspace::openFiles(const QStringList& paths, const QString& preferredVariable,
                          viz::FieldView* target) {
    bool first = true;
    for (const QString& path : paths) {
        const QString variable = first ? preferredVariable : QString();
        QPointer<viz::FieldView> view(first ? target : nullptr);
        first = false;
        beginWork(tr("Opening %1...").arg(path));
        runInBackground<OpenedFile>(
            this, [path]() { return openFileInBackground(path); },
            [this, variable, view](const OpenedFile& opened) {
                endWork();
                onFileOpened(opened, variable, view.data());
            });
    }
}

void Workspace::openExample() {
    beginWork(tr("Preparing the example dataset..."));
    runInBackground<OpenedFile>(
        this,
        []() {
            try {
                return openFileInBackground(ensureExampleDataset());
            } catch (const data::DataError& error) {
                return OpenedFile{exampleDatasetPath(), nullptr,
                                  QString::fromStdString(error.reason()), QString()};
            }
        },
        [this](const OpenedFile& opened) {
            endWork();
            onFileOpened(opened, QStringLiteral("t2m"), nullptr);
        });
}

std::shared_ptr<const data::Dataset> Workspace::dataset(const QString& path) const {
    const auto found = m_files.find(path);
    return found == m_files.end() ? nullptr : found->second;
}

void Workspace::onFileOpened(const OpenedFile& opened, const QString& preferredVariable,
                             viz::FieldView* target) {
    if (!opened.error.isEmpty()) {
        widgets::RecentFiles::remove(opened.path);
        emit recentFilesChanged();
        reportError(tr("Cannot open file"), tr("Cannot open %1").arg(opened.path), opened.error);
        return;
    }
    m_files[opened.path] = opened.dataset;
    m_fileNotices[opened.path] = opened.notice;
    m_dataBrowser->addFile(*opened.dataset);
    widgets::RecentFiles::add(opened.path);
    emit recentFilesChanged();
    const std::vector<const data::DatasetVariable*> variables = opened.dataset->variables();
    if (opened.notice.isEmpty()) {
        showStatus(tr("Opened %1 (%2, %3 variables)")
                       .arg(opened.path, QString::fromStdString(opened.dataset->formatName()))
                       .arg(variables.size()),
                   5000);
    } else {
        showStatus(opened.notice); // stays until the next message: it qualifies what is shown
    }
    emit fileOpened(opened.path);

    QString variable = preferredVariable;
    if (!variable.isEmpty()) {
        const data::DatasetVariable* found = opened.dataset->findVariable(variable.toStdString());
        if (found == nullptr) {
            reportError(tr("No such variable"),
                        tr("%1 has no variable '%2'").arg(opened.path, variable),
                        tr("Choose one of the variables listed in the Data dock."));
            return;
        }
        variable = widgets::variableKey(*found);
    }
    if (variable.isEmpty()) {
        // Depth first, so a root-group field wins over one in a subgroup; coordinates such as
        // 2-D lat/lon of a curvilinear grid come after data variables in most files.
        for (const data::DatasetVariable* candidate : variables) {
            if (candidate->rank() >= 2 && candidate->isNumeric()) {
                variable = widgets::variableKey(*candidate);
                break;
            }
        }
    }
    if (variable.isEmpty()) {
        const QString reason = tr("%1 has no variable with 2 or more dimensions to show as a map.")
                                   .arg(QFileInfo(opened.path).fileName());
        activeView()->showMessage(reason);
        emit nothingToDraw(opened.path, reason);
        return;
    }
    if (target != nullptr && views().contains(target)) {
        showVariableIn(target, opened.path, variable);
        return;
    }
    showVariable(opened.path, variable);
}

} // namespace twins::app
