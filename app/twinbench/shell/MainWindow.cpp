#include "shell/MainWindow.h"

#include "answers/AnswerKinds.h"
#include "answers/kinds/points/PointsResult.h"
#include "explore/ExploreDock.h"
#include "export/ExportFigureDialog.h"
#include "export/FigureExport.h"
#include "results/ResultDock.h"
#include "results/ResultPointsOverlay.h"
#include "runs/RunsController.h"
#include "shell/AboutDialog.h"
#include "shell/actions/ExportReportAction.h"
#include "support/BackgroundTask.h"
#include "support/DatasetFiles.h"
#include "support/ExampleData.h"
#include "support/FileLoading.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapProjection.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/widgets/DataBrowser.h"
#include "twinbench/widgets/RecentFiles.h"
#include "twinbench/widgets/RunDetails.h"
#include "twinbench/widgets/RunsPanel.h"
#include "twinbench/widgets/TimeSlider.h"
#include "workspace/UncertaintyPanel.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

namespace twins::app {

namespace {
constexpr int maximumViews = 4;

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("Twinbench"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/twinbench.svg")));
    createViews();
    createDocks();
    createMenus();
    // The Runs menu sits before Help, the last menu.
    auto* runsMenu = new QMenu(tr("&Runs"), this);
    menuBar()->insertMenu(menuBar()->actions().constLast(), runsMenu);
    m_runs->populateMenu(runsMenu);
    createStatusBar();
    restoreSettings();
    refreshRecentFilesMenu();
}

MainWindow::~MainWindow() = default;

void MainWindow::createViews() {
    auto* central = new QWidget(this);
    m_viewGrid = new QGridLayout(central);
    m_viewGrid->setContentsMargins(2, 2, 2, 2);
    m_viewGrid->setSpacing(4);
    setCentralWidget(central);
    setViewCount(1);
}

void MainWindow::setViewCount(int count) {
    count = std::clamp(count, 1, maximumViews);
    while (m_views.size() < count) {
        auto* view = new viz::FieldView(centralWidget());
        view->setObjectName(QStringLiteral("fieldView%1").arg(m_views.size() + 1));
        view->setColorMap(m_colorMapBox ? m_colorMapBox->currentText() : QStringLiteral("viridis"));
        connect(view, &viz::FieldView::cursorTextChanged, this, [this](const QString& text) {
            if (m_cursorLabel != nullptr) {
                m_cursorLabel->setText(text);
            }
        });
        connect(view, &viz::FieldView::frameRendered, this, [this, view]() {
            if (m_awaitingFieldFrame && view->field() != nullptr) {
                m_awaitingFieldFrame = false;
                emit fieldFrameRendered();
            }
        });
        linkCamerasOf(view);
        m_views.append(view);
    }
    while (m_views.size() > count) {
        viz::FieldView* view = m_views.takeLast();
        m_cells.erase(view); // the cell deletes its widgets, with the view and its map
    }
    // 1: one view; 2: side by side; 3-4: a 2x2 grid.
    for (int i = 0; i < m_views.size(); ++i) {
        const int columns = m_views.size() == 1 ? 1 : 2;
        std::unique_ptr<ViewCell>& cell = m_cells[m_views[i]];
        if (!cell) {
            cell = std::make_unique<ViewCell>(m_views[i], centralWidget());
        }
        m_viewGrid->addWidget(cell->stack(), i / columns, i % columns);
    }
    if (!m_activeView || !m_views.contains(m_activeView.data())) {
        setActiveView(m_views.first());
    }
}

void MainWindow::setActiveView(viz::FieldView* view) {
    m_activeView = view;
    if (m_projectionBox != nullptr) {
        const QSignalBlocker blocker(m_projectionBox);
        const ViewCell* cell = cellOf(view);
        m_projectionBox->setCurrentIndex(
            std::max(0, m_projectionBox->findData(cell ? cell->projection : QString())));
    }
    updatePropertiesPanel();
    showSliderOfActiveView();
    refreshUncertaintyPanel();
}

void MainWindow::showSliderOfActiveView() {
    if (m_timeSlider == nullptr) {
        return;
    }
    const ShownVariable* shown = shownIn(activeView());
    if (shown == nullptr) {
        m_timeSlider->setDimensions({});
        return;
    }
    m_timeSlider->setDimensions(shown->dimensions, shown->indices);
}

ViewCell* MainWindow::cellOf(const viz::FieldView* view) const {
    const auto cell = m_cells.find(view);
    return cell == m_cells.end() ? nullptr : cell->second.get();
}

ShownVariable* MainWindow::shownIn(const viz::FieldView* view) const {
    ViewCell* cell = cellOf(view);
    return cell != nullptr && cell->shown ? &*cell->shown : nullptr;
}

QString MainWindow::cursorText() const {
    return m_cursorLabel != nullptr ? m_cursorLabel->text() : QString();
}

viz::FieldView* MainWindow::activeView() const {
    return m_activeView ? m_activeView.data() : m_views.first();
}

QList<viz::FieldView*> MainWindow::views() const {
    return m_views;
}

void MainWindow::createDocks() {
    auto* dataDock = new QDockWidget(tr("Data"), this);
    dataDock->setObjectName(QStringLiteral("dataDock"));
    m_dataBrowser = new widgets::DataBrowser(dataDock);
    dataDock->setWidget(m_dataBrowser);
    addDockWidget(Qt::LeftDockWidgetArea, dataDock);
    connect(m_dataBrowser, &widgets::DataBrowser::variableActivated, this,
            &MainWindow::showVariable);

    auto* runsDock = new QDockWidget(tr("Runs"), this);
    runsDock->setObjectName(QStringLiteral("runsDock"));
    m_runsPanel = new widgets::RunsPanel(runsDock);
    runsDock->setWidget(m_runsPanel);
    m_runs = new RunsController(m_runsPanel, this);
    connect(m_runs, &RunsController::errorOccurred, this, &MainWindow::showError);
    connect(m_runs, &RunsController::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(m_runsPanel, &widgets::RunsPanel::outputActivated, this, &MainWindow::openRunOutput);
    connect(m_runsPanel, &widgets::RunsPanel::resultActivated, this, &MainWindow::openRunResult);
    connect(m_runs, &RunsController::reportRequested, this,
            [this](const QString& runId, const QString& runDirectory) {
                ExportReportAction::choose(*this, runId, runDirectory);
            });
    // The Runs dock lists each run's declared results once the twins' metadata is read.
    connect(m_runs, &RunsController::catalogReady, this, [this] {
        QList<sdk::ModuleMetadata> modules;
        for (const sdk::ModuleEntry& entry : m_runs->catalog()->modules()) {
            modules << entry.metadata;
        }
        m_runsPanel->details()->setModules(modules);
    });
    addDockWidget(Qt::BottomDockWidgetArea, runsDock);

    auto* propertiesDock = new QDockWidget(tr("Properties"), this);
    propertiesDock->setObjectName(QStringLiteral("propertiesDock"));
    auto* properties = new QWidget(propertiesDock);
    auto* form = new QFormLayout(properties);
    m_colorMapBox = new QComboBox(properties);
    m_colorMapBox->addItems(viz::ColorMap::names());
    form->addRow(tr("Colour map"), m_colorMapBox);
    m_projectionBox = new QComboBox(properties);
    m_projectionBox->setObjectName(QStringLiteral("projectionBox"));
    m_projectionBox->addItem(tr("Data grid (no map)"), QString());
    for (const QString& name : viz::MapProjection::names()) {
        m_projectionBox->addItem(name, name);
    }
    m_projectionBox->setToolTip(tr("Show a longitude/latitude field on a map with coastlines"));
    form->addRow(tr("Projection"), m_projectionBox);
    connect(m_projectionBox, &QComboBox::currentIndexChanged, this,
            [this] { setProjectionOfActiveView(m_projectionBox->currentData().toString()); });
    m_fieldSummary = new QLabel(tr("No field shown."), properties);
    m_fieldSummary->setWordWrap(true);
    m_fieldSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fieldSummary->setMinimumWidth(200);
    form->addRow(new QLabel(tr("Field"), properties));
    form->addRow(m_fieldSummary); // full width: titles and ranges are long
    m_timeSlider = new widgets::TimeSlider(properties);
    m_timeSlider->setObjectName(QStringLiteral("timeSlider"));
    form->addRow(m_timeSlider);
    form->addRow(new QLabel(tr("Uncertainty of the map"), properties));
    m_uncertaintyPanel = new UncertaintyPanel(properties);
    m_uncertaintyPanel->setObjectName(QStringLiteral("uncertaintyPanel"));
    form->addRow(m_uncertaintyPanel);
    connect(m_uncertaintyPanel, &UncertaintyPanel::applyRequested, this,
            &MainWindow::applyUncertainty);
    connect(m_timeSlider, &widgets::TimeSlider::indicesChanged, this,
            &MainWindow::onSliceIndicesChanged);
    propertiesDock->setWidget(properties);
    addDockWidget(Qt::RightDockWidgetArea, propertiesDock);
    installExploreDock(*this);
    connect(m_colorMapBox, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        activeView()->setColorMap(name);
        if (viz::MapView* map = activeMapView()) {
            map->setColorMap(name);
        }
    });
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget*, QWidget* now) {
        if (auto* view = qobject_cast<viz::FieldView*>(now); view && m_views.contains(view)) {
            setActiveView(view);
        }
        if (auto* map = qobject_cast<viz::MapView*>(now)) {
            for (viz::FieldView* view : m_views) {
                if (cellOf(view)->map == map) {
                    setActiveView(view);
                }
            }
        }
    });
}

void MainWindow::createMenus() {
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* openAction = fileMenu->addAction(tr("&Open..."), this, &MainWindow::chooseFileToOpen);
    openAction->setShortcut(QKeySequence::Open);
    // A Zarr store is a directory: a file dialog cannot pick it.
    fileMenu->addAction(tr("Open &Zarr Store..."), this, &MainWindow::chooseZarrStoreToOpen)
        ->setObjectName(QStringLiteral("openZarrStoreAction"));
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    fileMenu->addAction(tr("Open E&xample Dataset"), this, &MainWindow::openExample);
    fileMenu->addSeparator();
    QAction* exportAction =
        fileMenu->addAction(tr("&Export Figure..."), this, &MainWindow::chooseFigureToExport);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    fileMenu->addSeparator();
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        m_viewMenu->addAction(dock->toggleViewAction());
    }
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(tr("&Single View"), this, [this]() { setViewCount(1); });
    m_viewMenu->addAction(tr("&Two Views Side by Side"), this, [this]() { setViewCount(2); });
    m_viewMenu->addAction(tr("&Four Views"), this, [this]() { setViewCount(4); });
    addLayoutMenuActions(fileMenu, m_viewMenu);
    m_viewMenu->addSeparator();
    QAction* resetAction =
        m_viewMenu->addAction(tr("&Reset Camera"), this, [this]() { activeView()->resetCamera(); });
    resetAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Twinbench"), this, &MainWindow::showAbout);
}

void MainWindow::createStatusBar() {
    m_cursorLabel = new QLabel(this);
    m_cursorLabel->setMinimumWidth(320);
    m_busyBar = new QProgressBar(this);
    m_busyBar->setRange(0, 0); // busy: reading from files has no known length yet
    m_busyBar->setMaximumWidth(160);
    m_busyBar->setVisible(false);
    statusBar()->addPermanentWidget(m_cursorLabel);
    statusBar()->addPermanentWidget(m_busyBar);
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::restoreSettings() {
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray())) {
        resize(1400, 850);
    }
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    const QString colorMap = settings.value(QStringLiteral("view/colorMap")).toString();
    if (viz::ColorMap::names().contains(colorMap)) {
        m_colorMapBox->setCurrentText(colorMap);
    }
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("view/colorMap"), m_colorMapBox->currentText());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    event->accept();
}

void MainWindow::refreshRecentFilesMenu() {
    m_recentMenu->clear();
    const QStringList recent = widgets::RecentFiles::load();
    for (const QString& path : recent) {
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this, [this, path]() { openFiles({path}); })
            ->setToolTip(path);
    }
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear Menu"), this, [this]() {
            widgets::RecentFiles::clear();
            refreshRecentFilesMenu();
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::beginWork(const QString& message) {
    ++m_pendingWork;
    m_busyBar->setVisible(true);
    statusBar()->showMessage(message);
}

void MainWindow::endWork() {
    m_pendingWork = std::max(0, m_pendingWork - 1);
    m_busyBar->setVisible(m_pendingWork > 0);
}

void MainWindow::showError(const QString& title, const QString& text, const QString& details) {
    statusBar()->showMessage(text + QStringLiteral(": ") + details);
    if (m_errorDialog) {
        m_errorDialog->close();
    }
    // open() instead of exec(): window-modal without a nested event loop, so background work
    // keeps finishing and the window stays responsive underneath.
    m_errorDialog = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    m_errorDialog->setInformativeText(details);
    m_errorDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_errorDialog->open();
    emit errorShown(title, text + QStringLiteral("\n") + details);
}

void MainWindow::openFiles(const QStringList& paths, const QString& preferredVariable) {
    bool first = true;
    for (const QString& path : paths) {
        const QString variable = first ? preferredVariable : QString();
        first = false;
        beginWork(tr("Opening %1...").arg(path));
        runInBackground<OpenedFile>(
            this, [path]() { return openFileInBackground(path); },
            [this, variable](const OpenedFile& opened) {
                endWork();
                onFileOpened(opened, variable);
            });
    }
}

void MainWindow::openExample() {
    beginWork(tr("Preparing the example dataset..."));
    runInBackground<OpenedFile>(
        this,
        []() {
            try {
                return openFileInBackground(ensureExampleDataset());
            } catch (const data::DataError& error) {
                return OpenedFile{exampleDatasetPath(), nullptr,
                                  QString::fromStdString(error.reason())};
            }
        },
        [this](const OpenedFile& opened) {
            endWork();
            onFileOpened(opened, QStringLiteral("t2m"));
        });
}

void MainWindow::onFileOpened(const OpenedFile& opened, const QString& preferredVariable) {
    if (!opened.error.isEmpty()) {
        widgets::RecentFiles::remove(opened.path);
        refreshRecentFilesMenu();
        showError(tr("Cannot open file"), tr("Cannot open %1").arg(opened.path), opened.error);
        return;
    }
    m_files[opened.path] = opened.dataset;
    m_dataBrowser->addFile(*opened.dataset);
    widgets::RecentFiles::add(opened.path);
    refreshRecentFilesMenu();
    const std::vector<const data::DatasetVariable*> variables = opened.dataset->variables();
    statusBar()->showMessage(
        tr("Opened %1 (%2, %3 variables)")
            .arg(opened.path, QString::fromStdString(opened.dataset->formatName()))
            .arg(variables.size()),
        5000);
    emit fileOpened(opened.path);

    QString variable = preferredVariable;
    if (!variable.isEmpty()) {
        const data::DatasetVariable* found = opened.dataset->findVariable(variable.toStdString());
        if (found == nullptr) {
            showError(tr("No such variable"),
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
        activeView()->showMessage(
            tr("%1 has no variable with 2 or more dimensions to show as a map.")
                .arg(QFileInfo(opened.path).fileName()));
        return;
    }
    showVariable(opened.path, variable);
}

void MainWindow::showVariable(const QString& path, const QString& variable) {
    if (m_files.find(path) == m_files.end()) {
        showError(tr("File not open"), tr("%1 is not open").arg(path), tr("Open it first."));
        return;
    }
    m_dataBrowser->selectVariable(path, variable);
    viz::FieldView* view = activeView();
    // The old variable's sliders must not drive reads of the new one while it loads.
    cellOf(view)->shown = ShownVariable{path, variable, {}, {}};
    showSliderOfActiveView();
    requestField(view, path, variable, {}, true);
}

void MainWindow::requestField(viz::FieldView* view, const QString& path, const QString& variable,
                              const std::map<std::string, std::size_t>& indices,
                              bool describeDimensions) {
    const auto found = m_files.find(path);
    if (found == m_files.end()) {
        return;
    }
    const int requestNumber = ++m_fieldRequests;
    cellOf(view)->latestRequest = requestNumber;
    QPointer<viz::FieldView> target(view);
    beginWork(tr("Reading %1 from %2...").arg(variable, QFileInfo(path).fileName()));
    std::shared_ptr<const data::Dataset> dataset = found->second;
    runInBackground<LoadedField>(
        this,
        [dataset, variable, indices, describeDimensions]() {
            return readFieldInBackground(dataset, variable, indices, describeDimensions);
        },
        [this, target, requestNumber](const LoadedField& loaded) {
            endWork();
            if (target) {
                onFieldLoaded(loaded, target.data(), requestNumber);
            }
        });
}

void MainWindow::onSliceIndicesChanged(const std::map<std::string, std::size_t>& indices) {
    viz::FieldView* view = activeView();
    ShownVariable* shown = shownIn(view);
    if (shown == nullptr || shown->dimensions.empty()) {
        return;
    }
    shown->indices = indices;
    requestField(view, shown->path, shown->variable, indices, false);
    if (m_viewsLinked) {
        propagateIndices(view, indices);
    }
}

void MainWindow::onFieldLoaded(const LoadedField& loaded, viz::FieldView* view, int requestNumber) {
    // A newer request for the same view supersedes this one (the user clicked on, or moved
    // the slider again while this slice was read).
    ViewCell* cell = cellOf(view);
    if (cell == nullptr || cell->latestRequest != requestNumber) {
        return;
    }
    if (!loaded.error.isEmpty()) {
        showError(tr("Cannot show variable"),
                  tr("Cannot show '%1' from %2").arg(loaded.variable, loaded.path), loaded.error);
        return;
    }
    if (!cell->shown) {
        cell->shown.emplace();
    }
    ShownVariable& shown = *cell->shown;
    shown.path = loaded.path;
    shown.variable = loaded.variable;
    shown.indices = loaded.indices;
    if (loaded.sliceDimensionsDescribed) {
        shown.dimensions = loaded.sliceDimensions;
        if (view == activeView()) {
            showSliderOfActiveView();
        }
    }
    QStringList sliceParts;
    for (const widgets::SliceDimension& dimension : shown.dimensions) {
        const auto index = loaded.indices.find(dimension.name.toStdString());
        sliceParts << dimension.describe(index == loaded.indices.end() ? 0 : index->second);
    }
    m_awaitingFieldFrame = true;
    view->setSliceLabel(sliceParts.join(QStringLiteral(", ")));
    view->showField(loaded.field);
    cell->field = loaded.field;
    showFieldOnMap(view);
    reapplyUncertainty(view);
    if (view == activeView() && loaded.sliceDimensionsDescribed) {
        refreshUncertaintyPanel(); // the second variable's candidates are this file's
    }
    statusBar()->showMessage(tr("Showing %1").arg(QString::fromStdString(loaded.field->title())),
                             5000);
    updatePropertiesPanel();
    emit fieldShown(loaded.path, loaded.variable);
}

void MainWindow::updatePropertiesPanel() {
    if (m_fieldSummary == nullptr || m_colorMapBox == nullptr) {
        return;
    }
    viz::FieldView* view = activeView();
    {
        const QSignalBlocker blocker(m_colorMapBox);
        m_colorMapBox->setCurrentText(view->colorMapName());
    }
    const data::FieldSlice* field = view->field();
    if (field == nullptr) {
        m_fieldSummary->setText(tr("No field shown."));
        return;
    }
    const ShownVariable* shown = shownIn(view);
    const QString variable =
        shown != nullptr ? shown->variable : QString::fromStdString(field->variable);
    QString text = tr("%1\n%2 in %3\n%4 x %5 points, %6 valid\nmin %7, max %8 %9")
                       .arg(QString::fromStdString(field->title()), variable,
                            QFileInfo(QString::fromStdString(field->path)).fileName())
                       .arg(field->width)
                       .arg(field->height)
                       .arg(field->finiteCount)
                       .arg(field->minimum, 0, 'g', 6)
                       .arg(field->maximum, 0, 'g', 6)
                       .arg(QString::fromStdString(field->units));
    if (!view->sliceLabel().isEmpty()) {
        text += QStringLiteral("\n") + view->sliceLabel();
    }
    m_fieldSummary->setText(text);
}

void MainWindow::chooseFileToOpen() {
    // Formats are detected from the content, so the filter only helps browsing.
    const QStringList paths =
        QFileDialog::getOpenFileNames(this, tr("Open Data"), QString(), datasetOpenFilter());
    QStringList toOpen;
    for (const QString& path : paths) {
        toOpen << (isZarrMetadataFile(path) ? QFileInfo(path).absolutePath() : path);
    }
    if (!toOpen.isEmpty()) {
        openFiles(toOpen);
    }
}

void MainWindow::chooseZarrStoreToOpen() {
    const QString directory = QFileDialog::getExistingDirectory(
        this, tr("Open Zarr Store"), QString(), QFileDialog::ShowDirsOnly);
    if (!directory.isEmpty()) {
        openFiles({directory});
    }
}

void MainWindow::chooseFigureToExport() {
    ExportFigureDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted) {
        exportFigureTo(dialog.path(), dialog.size());
    }
}

void MainWindow::exportFigureTo(const QString& path, QSize size) {
    // What the user sees is what is exported: the map when the view shows one.
    viz::VtkView* view =
        activeMapView() != nullptr ? static_cast<viz::VtkView*>(activeMapView()) : activeView();
    const QImage image = view->renderToImage(size);
    if (image.isNull()) {
        showError(tr("Cannot export figure"), tr("Cannot export %1").arg(path),
                  view->exportError());
        emit figureExported(path, false);
        return;
    }
    writeImageInBackground(image, path, tr("Cannot export figure"));
}

void MainWindow::writeImageInBackground(const QImage& image, const QString& path,
                                        const QString& failureTitle) {
    beginWork(tr("Writing %1...").arg(path));
    runInBackground<QString>(
        this,
        [image, path]() -> QString {
            try {
                writeImageAtomically(image, path);
            } catch (const FigureExportError& error) {
                return QString::fromUtf8(error.what());
            }
            return {};
        },
        [this, path, failureTitle](const QString& error) {
            endWork();
            if (!error.isEmpty()) {
                showError(failureTitle, tr("Cannot write %1").arg(path), error);
                emit figureExported(path, false);
                return;
            }
            statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
            emit figureExported(path, true);
        });
}

void MainWindow::showAbout() {
    showAboutDialog(this);
}

} // namespace twins::app

namespace twins::app {

void MainWindow::openRunOutput(const QString& path) {
    // Datasets the views can show are opened (a file inside a Zarr store opens the store);
    // anything else is said plainly.
    if (const QString store = zarrStoreOf(path); !store.isEmpty()) {
        openFiles({store});
        return;
    }
    if (isDatasetPath(path)) {
        openFiles({path});
        return;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    showError(tr("Cannot show this output"),
              tr("Twinbench has no view for %1 files yet.").arg(suffix.isEmpty() ? path : suffix),
              path);
}

void MainWindow::openRunResult(const QString& runId, const QString& runDirectory,
                               const sdk::ResultSpec& spec) {
    if (isPointsResultWithBackground(spec)) {
        openPointsResult(runId, runDirectory, spec);
        return;
    }
    const AnswerKind* kind = answerKind(spec.kind);
    if (kind == nullptr || !kind->shownInWorkspace) {
        showResultDock(*this, runId, runDirectory, spec);
        return;
    }
    // A map result is a field on a map: leave the data grid for the first projection, and use
    // the spec's colour map (a name the views do not know keeps the current one).
    if (cellOf(activeView())->projection.isEmpty() && m_projectionBox->count() > 1) {
        m_projectionBox->setCurrentIndex(1);
    }
    if (viz::ColorMap::names().contains(spec.colormap)) {
        m_colorMapBox->setCurrentText(spec.colormap);
    }
    openFiles({resultOutputPath(spec, QDir(runDirectory).filePath(QStringLiteral("outputs")))},
              spec.variable);
}

} // namespace twins::app
