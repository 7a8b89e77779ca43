#include "workspace/AnimationExports.h"

#include "export/AnimationExport.h"
#include "twinbench/viz/FieldView.h"
#include "workspace/UncertaintyPanel.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QPointer>
#include <QProgressDialog>
#include <QThread>

namespace twins::app {

namespace {
FigureRequest::Encoding figureEncodingOf(UncertaintyChoice::Encoding encoding) {
    switch (encoding) {
    case UncertaintyChoice::Encoding::Spread:
        return FigureRequest::Encoding::Spread;
    case UncertaintyChoice::Encoding::Vsup:
        return FigureRequest::Encoding::Vsup;
    case UncertaintyChoice::Encoding::Hatch:
        return FigureRequest::Encoding::Hatch;
    case UncertaintyChoice::Encoding::Exceedance:
        return FigureRequest::Encoding::Exceedance;
    case UncertaintyChoice::Encoding::None:
        break;
    }
    return FigureRequest::Encoding::None;
}

QProgressDialog* progressDialogFor(const QString& path, QWidget* parent) {
    auto* dialog = new QProgressDialog(QObject::tr("Rendering %1...").arg(path),
                                       QObject::tr("Cancel"), 0, 100, parent);
    dialog->setObjectName(QStringLiteral("animationProgressDialog"));
    dialog->setWindowTitle(QObject::tr("Export Animation"));
    dialog->setWindowModality(Qt::NonModal);
    dialog->setMinimumDuration(0);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setValue(0);
    return dialog;
}
} // namespace

AnimationExports::AnimationExports(Workspace& workspace)
    : QObject(&workspace), m_workspace(workspace) {}

bool AnimationExports::requestForActiveView(AnimationRequest& request, QString* why) const {
    const ViewCell* cell = m_workspace.grid()->activeCell();
    const std::optional<ShownVariable>& shown = cell->shown;
    if (!shown || shown->dimensions.empty()) {
        if (why != nullptr) {
            *why = !shown ? tr("Show a variable first.")
                          : tr("'%1' has no dimension beyond the map to animate over.")
                                .arg(shown->variable);
        }
        return false;
    }
    FigureRequest& figure = request.figure;
    figure.inputPath = shown->path;
    figure.variable = shown->variable;
    figure.indices = shown->indices;
    figure.projection =
        cell->projection.isEmpty() ? QStringLiteral("plate-carree") : cell->projection;
    figure.colorMap = cell->fieldView()->colorMapName();
    if (const std::shared_ptr<UncertaintyChoice>& choice = cell->uncertainty) {
        figure.encoding = figureEncodingOf(choice->encoding);
        figure.uncertaintyVariable = choice->variable;
        if (choice->needsThreshold()) {
            figure.threshold = choice->threshold;
        }
    }
    if (request.dimension.isEmpty()) {
        request.dimension = shown->dimensions.front().name;
    }
    return true;
}

void AnimationExports::cancel() {
    if (m_cancel) {
        m_cancel->store(true);
    }
}

void AnimationExports::exportTo(const AnimationRequest& request) {
    const QString path = request.figure.outputPath;
    if (m_running) {
        m_workspace.reportError(
            tr("Cannot export an animation"),
            tr("Another animation is being exported; wait for it or cancel it."), path);
        emit exported(path, false, tr("another animation export is running"));
        return;
    }
    m_running = true;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancel;
    QProgressDialog* progressDialog = progressDialogFor(path, m_workspace.grid()->window());
    connect(progressDialog, &QProgressDialog::canceled, this, [cancel] { cancel->store(true); });
    m_workspace.beginWork(tr("Exporting %1...").arg(path));

    // The whole export, reading and rendering included, runs on its own thread: it blocks on
    // ffmpeg's pipe, so it must not hold a thread-pool thread that views use for reading.
    auto error = std::make_shared<QString>();
    QPointer<AnimationExports> self(this);
    QThread* worker = QThread::create([request, cancel, error, self] {
        try {
            exportAnimation(request, [cancel, self](int done, int total) {
                if (self) {
                    QMetaObject::invokeMethod(
                        self.data(),
                        [self, done, total] {
                            if (self) {
                                emit self->progress(done, total);
                            }
                        },
                        Qt::QueuedConnection);
                }
                return !cancel->load();
            });
        } catch (const AnimationCancelled& cancelled) {
            *error = QString::fromUtf8(cancelled.what());
        } catch (const std::exception& failure) {
            *error = QString::fromUtf8(failure.what());
        }
    });
    connect(this, &AnimationExports::progress, progressDialog,
            [progressDialog](int done, int total) {
                progressDialog->setMaximum(total);
                progressDialog->setValue(done);
                progressDialog->setLabelText(tr("Frame %1 of %2").arg(done).arg(total));
            });
    connect(worker, &QThread::finished, this, [this, worker, progressDialog, error, cancel, path] {
        worker->deleteLater();
        progressDialog->deleteLater();
        m_workspace.endWork();
        m_running = false;
        m_cancel.reset();
        if (error->isEmpty()) {
            m_workspace.showStatus(tr("Exported %1").arg(path), 8000);
            emit exported(path, true, QString());
        } else if (cancel->load()) {
            m_workspace.showStatus(tr("Animation export cancelled; nothing was written."), 8000);
            emit exported(path, false, *error);
        } else {
            m_workspace.reportError(tr("Cannot export animation"), tr("Cannot export %1").arg(path),
                                    *error);
            emit exported(path, false, *error);
        }
    });
    worker->start();
}

} // namespace twins::app
