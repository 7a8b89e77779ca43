// File > Export Animation: the active view's variable over one of its dimensions, as the
// scripted `--export-figure OUT.mp4 --animate DIM` renders it. Reading, rendering (an
// offscreen VTK window of its own) and encoding (ffmpeg) all run on a worker thread; the GUI
// shows a progress dialog whose Cancel stops the export after the current frame.
#include "export/AnimationExport.h"
#include "export/formats/ExportFormats.h"
#include "shell/MainWindow.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"
#include "workspace/UncertaintyPanel.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
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

// Where to write, which dimension, which frames, how fast and how large.
class AnimationDialog : public QDialog {
public:
    AnimationDialog(const std::vector<widgets::SliceDimension>& dimensions, QWidget* parent)
        : QDialog(parent), m_dimensions(dimensions) {
        setWindowTitle(tr("Export Animation"));
        auto* form = new QFormLayout(this);
        m_path = new QLineEdit(suggestedExportPath(QStringLiteral("twinbench-animation"),
                                                   ExportFormat::Purpose::Animation),
                               this);
        auto* browse = new QPushButton(tr("Browse..."), this);
        auto* pathRow = new QHBoxLayout;
        pathRow->addWidget(m_path);
        pathRow->addWidget(browse);
        form->addRow(tr("File"), pathRow);
        m_dimension = new QComboBox(this);
        for (const widgets::SliceDimension& dimension : dimensions) {
            m_dimension->addItem(dimension.name);
        }
        form->addRow(tr("Animate over"), m_dimension);
        m_first = new QSpinBox(this);
        m_last = new QSpinBox(this);
        form->addRow(tr("First index"), m_first);
        form->addRow(tr("Last index"), m_last);
        m_fps = new QSpinBox(this);
        m_fps->setRange(1, 60);
        m_fps->setValue(8);
        m_fps->setSuffix(tr(" frames/s"));
        form->addRow(tr("Speed"), m_fps);
        m_width = new QSpinBox(this);
        m_height = new QSpinBox(this);
        for (QSpinBox* box : {m_width, m_height}) {
            box->setRange(64, 8192);
            box->setSuffix(tr(" px"));
        }
        m_width->setValue(1280);
        m_height->setValue(720);
        form->addRow(tr("Width"), m_width);
        form->addRow(tr("Height"), m_height);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
        form->addRow(buttons);
        connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
        connect(m_dimension, &QComboBox::currentIndexChanged, this, [this] { updateRange(); });
        connect(browse, &QPushButton::clicked, this, [this] {
            const QString chosen =
                QFileDialog::getSaveFileName(this, tr("Export Animation"), m_path->text(),
                                             exportDialogFilter(ExportFormat::Purpose::Animation));
            if (!chosen.isEmpty()) {
                m_path->setText(chosen);
            }
        });
        updateRange();
    }

    void fill(AnimationRequest& request) const {
        request.figure.outputPath = m_path->text();
        request.figure.size = QSize(m_width->value(), m_height->value());
        request.dimension = m_dimension->currentText();
        request.frames = std::make_pair(static_cast<std::size_t>(m_first->value()),
                                        static_cast<std::size_t>(m_last->value()));
        request.fps = m_fps->value();
    }

private:
    void updateRange() {
        const int index = m_dimension->currentIndex();
        const int length =
            index < 0 ? 1 : static_cast<int>(m_dimensions[static_cast<std::size_t>(index)].length);
        m_first->setRange(0, std::max(0, length - 1));
        m_last->setRange(0, std::max(0, length - 1));
        m_first->setValue(0);
        m_last->setValue(std::max(0, length - 1));
    }

    std::vector<widgets::SliceDimension> m_dimensions;
    QLineEdit* m_path = nullptr;
    QComboBox* m_dimension = nullptr;
    QSpinBox* m_first = nullptr;
    QSpinBox* m_last = nullptr;
    QSpinBox* m_fps = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
};
} // namespace

bool MainWindow::animationRequestForActiveView(AnimationRequest& request, QString* why) const {
    viz::FieldView* view = activeView();
    const ShownVariable* shown = shownIn(view);
    if (shown == nullptr || shown->dimensions.empty()) {
        if (why != nullptr) {
            *why = shown == nullptr ? tr("Show a variable first.")
                                    : tr("'%1' has no dimension beyond the map to animate over.")
                                          .arg(shown->variable);
        }
        return false;
    }
    FigureRequest& figure = request.figure;
    figure.inputPath = shown->path;
    figure.variable = shown->variable;
    figure.indices = shown->indices;
    const ViewCell* cell = cellOf(view);
    figure.projection =
        cell->projection.isEmpty() ? QStringLiteral("plate-carree") : cell->projection;
    figure.colorMap = view->colorMapName();
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

void MainWindow::chooseAnimationToExport() {
    AnimationRequest request;
    QString why;
    if (!animationRequestForActiveView(request, &why)) {
        showError(tr("Cannot export an animation"), why, QString());
        return;
    }
    AnimationDialog dialog(shownIn(activeView())->dimensions, this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    dialog.fill(request);
    exportAnimationTo(request);
}

void MainWindow::cancelAnimation() {
    if (m_animationCancel) {
        m_animationCancel->store(true);
    }
}

void MainWindow::exportAnimationTo(const AnimationRequest& request) {
    const QString path = request.figure.outputPath;
    if (m_animationRunning) {
        showError(tr("Cannot export an animation"),
                  tr("Another animation is being exported; wait for it or cancel it."), path);
        emit animationExported(path, false, tr("another animation export is running"));
        return;
    }
    m_animationRunning = true;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_animationCancel = cancel;
    auto* progressDialog =
        new QProgressDialog(tr("Rendering %1...").arg(path), tr("Cancel"), 0, 100, this);
    progressDialog->setObjectName(QStringLiteral("animationProgressDialog"));
    progressDialog->setWindowTitle(tr("Export Animation"));
    progressDialog->setWindowModality(Qt::NonModal);
    progressDialog->setMinimumDuration(0);
    progressDialog->setAutoClose(false);
    progressDialog->setAutoReset(false);
    progressDialog->setValue(0);
    connect(progressDialog, &QProgressDialog::canceled, this, [cancel] { cancel->store(true); });
    beginWork(tr("Exporting %1...").arg(path));

    // The whole export, reading and rendering included, runs on its own thread: it blocks on
    // ffmpeg's pipe, so it must not hold a thread-pool thread that views use for reading.
    auto error = std::make_shared<QString>();
    QPointer<MainWindow> window(this);
    QThread* worker = QThread::create([request, cancel, error, window] {
        try {
            exportAnimation(request, [cancel, window](int done, int total) {
                if (window) {
                    QMetaObject::invokeMethod(
                        window.data(),
                        [window, done, total] {
                            if (window) {
                                emit window->animationProgress(done, total);
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
    connect(this, &MainWindow::animationProgress, progressDialog,
            [progressDialog](int done, int total) {
                progressDialog->setMaximum(total);
                progressDialog->setValue(done);
                progressDialog->setLabelText(tr("Frame %1 of %2").arg(done).arg(total));
            });
    connect(worker, &QThread::finished, this, [this, worker, progressDialog, error, cancel, path] {
        worker->deleteLater();
        progressDialog->deleteLater();
        endWork();
        m_animationRunning = false;
        m_animationCancel.reset();
        if (error->isEmpty()) {
            statusBar()->showMessage(tr("Exported %1").arg(path), 8000);
            emit animationExported(path, true, QString());
        } else if (cancel->load()) {
            statusBar()->showMessage(tr("Animation export cancelled; nothing was written."), 8000);
            emit animationExported(path, false, *error);
        } else {
            showError(tr("Cannot export animation"), tr("Cannot export %1").arg(path), *error);
            emit animationExported(path, false, *error);
        }
    });
    worker->start();
}

} // namespace twins::app
