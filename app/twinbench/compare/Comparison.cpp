#include "compare/Comparison.h"

#include "compare/ComparisonFields.h"
#include "support/BackgroundTask.h"
#include "support/FileLoading.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"
#include "workspace/LinkedViews.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QComboBox>
#include <QFileInfo>

#include <exception>

namespace twins::app {

struct Comparison::Outcome {
    std::shared_ptr<const data::Dataset> a;
    std::shared_ptr<const data::Dataset> b;
    std::shared_ptr<const ComparisonSlices> slices;
    QString error;
};

Comparison::Comparison(Workspace& workspace) : QObject(&workspace), m_workspace(workspace) {}

Comparison::~Comparison() = default;

QList<viz::FieldView*> Comparison::views() const {
    QList<viz::FieldView*> views;
    for (const QPointer<viz::FieldView>& view : m_views) {
        if (view) {
            views << view.data();
        }
    }
    return views;
}

void Comparison::start(const QString& pathA, const QString& pathB, const QString& variable) {
    m_pathA = QFileInfo(pathA).absoluteFilePath();
    m_pathB = QFileInfo(pathB).absoluteFilePath();
    m_variable = variable;
    m_indices.clear();
    m_first = true;
    const int request = ++m_request;
    m_workspace.beginWork(
        tr("Comparing %1 of %2 and %3...")
            .arg(variable, QFileInfo(pathA).fileName(), QFileInfo(pathB).fileName()));
    const QString a = m_pathA, b = m_pathB;
    runInBackground<Outcome>(
        this,
        [a, b, variable] {
            Outcome outcome;
            const OpenedFile fileA = openFileInBackground(a);
            const OpenedFile fileB = openFileInBackground(b);
            outcome.error = !fileA.error.isEmpty() ? fileA.error : fileB.error;
            if (!outcome.error.isEmpty()) {
                return outcome;
            }
            outcome.a = fileA.dataset;
            outcome.b = fileB.dataset;
            try {
                outcome.slices = std::make_shared<const ComparisonSlices>(
                    compareFields(*outcome.a, *outcome.b, variable.toStdString(), {}, true));
            } catch (const std::exception& error) {
                outcome.error = QString::fromUtf8(error.what());
            }
            return outcome;
        },
        [this, request](const Outcome& outcome) { onComputed(outcome, request); });
}

void Comparison::recompute(const std::map<std::string, std::size_t>& indices) {
    if (!m_a || !m_b || indices == m_indices) {
        return; // the three linked cells ask for the same step: computed once
    }
    m_indices = indices;
    const int request = ++m_request;
    m_workspace.beginWork(tr("Comparing %1 at another step...").arg(m_variable));
    runInBackground<Outcome>(
        this,
        [a = m_a, b = m_b, variable = m_variable, indices] {
            Outcome outcome{a, b, nullptr, {}};
            try {
                outcome.slices = std::make_shared<const ComparisonSlices>(
                    compareFields(*a, *b, variable.toStdString(), indices, false));
            } catch (const std::exception& error) {
                outcome.error = QString::fromUtf8(error.what());
            }
            return outcome;
        },
        [this, request](const Outcome& outcome) { onComputed(outcome, request); });
}

void Comparison::onComputed(const Outcome& outcome, int request) {
    m_workspace.endWork();
    if (request != m_request) {
        return; // a newer step was asked for meanwhile
    }
    if (!outcome.error.isEmpty()) {
        const QString text =
            tr("Cannot compare %1 of %2 and %3")
                .arg(m_variable, QFileInfo(m_pathA).fileName(), QFileInfo(m_pathB).fileName());
        m_workspace.reportError(tr("Cannot compare"), text, outcome.error);
        emit failed(outcome.error);
        return;
    }
    m_a = outcome.a;
    m_b = outcome.b;
    showSlices(*outcome.slices);
    emit shown();
}

void Comparison::showSlices(const ComparisonSlices& slices) {
    ViewGrid& grid = *m_workspace.grid();
    if (m_first) {
        m_first = false;
        if (grid.views().size() < 3) {
            grid.setViewCount(3);
        }
        m_views.clear();
        const QString title =
            tr("A − B of %1: %2 and %3")
                .arg(m_variable, QFileInfo(m_pathA).fileName(), QFileInfo(m_pathB).fileName());
        const QString a = m_pathA, b = m_pathB, variable = m_variable;
        const bool onMap = QString::fromStdString(slices.a.xUnits).startsWith("degree");
        for (int i = 0; i < 3; ++i) {
            viz::FieldView* view = grid.views().at(i);
            m_views << view;
            grid.setContent(view, {title, {}, [this, a, b, variable](viz::FieldView*) {
                                       start(a, b, variable);
                                   }});
            ViewCell* cell = grid.cellOf(view);
            cell->shown =
                ShownVariable{i == 1 ? m_pathB : m_pathA, m_variable, slices.dimensions, {}};
            cell->reread = [this](const std::map<std::string, std::size_t>& indices) {
                recompute(indices);
            };
            view->setColorMap(i == 2 ? QStringLiteral("coolwarm") : view->colorMapName());
            m_workspace.setActiveView(view);
            // Fields on longitude/latitude compare on a map, with coastlines.
            QComboBox* projections = m_workspace.projectionBox();
            if (onMap && cell->projection.isEmpty() && projections->count() > 1) {
                projections->setCurrentIndex(1);
            }
        }
    }
    const data::FieldSlice* fields[3] = {&slices.a, &slices.b, &slices.difference};
    const QString names[3] = {tr("A: %1").arg(QFileInfo(m_pathA).fileName()),
                              tr("B: %1").arg(QFileInfo(m_pathB).fileName()),
                              tr("A − B, 0 = white")};
    for (int i = 0; i < 3; ++i) {
        viz::FieldView* view = m_views.value(i);
        if (view == nullptr || grid.cellOf(view) == nullptr) {
            continue;
        }
        ViewCell* cell = grid.cellOf(view);
        if (cell->shown) {
            cell->shown->indices = m_indices;
        }
        m_workspace.showComputedField(view, std::make_shared<const data::FieldSlice>(*fields[i]),
                                      names[i]);
        if (cell->map == nullptr || cell->projection.isEmpty()) {
            continue;
        }
        viz::MapView* map = cell->map;
        map->setColorRange(fields[i]->minimum, fields[i]->maximum);
        if (i == 2) {
            map->setColorMap(QStringLiteral("coolwarm"));
            map->scene().clearHatching();
            QString caption = tr("A − B, diverging palette centred on 0");
            if (slices.hatching) {
                map->scene().setHatching(*slices.hatching);
                caption += QStringLiteral("\n") + hatchingRule();
            }
            map->scene().setCaption(caption);
        }
        map->update();
    }
    m_hatchedCells = slices.hatchedCells;
    if (!m_workspace.links().linked()) {
        m_workspace.links().setLinked(true); // three linked cells: time and camera together
    }
    if (slices.hatching) {
        m_workspace.showStatus(tr("A − B %1: %2 of %3 cells hatched")
                                   .arg(hatchingRule())
                                   .arg(slices.hatchedCells)
                                   .arg(slices.difference.finiteCount),
                               10000);
    }
}

} // namespace twins::app
