#include "export/FigurePanels.h"

#include "export/StatedThreshold.h"
#include "support/FileLoading.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/Ensemble.h"
#include "twinbench/viz/Vsup.h"
#include "twinbench/viz/VsupLayer.h"

#include <QStringList>

#include <algorithm>

namespace twins::app {

namespace {
using Encoding = FigureRequest::Encoding;

std::shared_ptr<data::FieldSlice> readSlice(const data::Dataset& dataset, const QString& variable,
                                            const std::map<std::string, std::size_t>& indices,
                                            const std::string& role) {
    try {
        const data::DatasetVariable& info = dataset.variable(variable.toStdString());
        return std::make_shared<data::FieldSlice>(data::readFieldSlice(dataset, info, indices));
    } catch (const std::exception& error) {
        throw FigureExportError(error.what() + role);
    }
}

void checkFits(const data::FieldSlice& field, const data::FieldSlice& second) {
    if (!shapeMismatch(field, second).isEmpty()) {
        throw FigureExportError(shapeMismatch(field, second).toStdString());
    }
}

void setUpScene(viz::MapScene& scene, const viz::MapProjection& projection, const QString& colorMap,
                const QString& colorScale, std::shared_ptr<const data::FieldSlice> field,
                std::optional<std::pair<double, double>> range) {
    const std::string path = field->path;
    try {
        scene.setProjection(projection);
        if (!scene.setColorMap(colorMap)) {
            throw FigureExportError(
                "unknown colour map '" + colorMap.toStdString() + "'; choose " +
                viz::ColorMap::names().join(QStringLiteral(", ")).toStdString());
        }
        const viz::ColorScale scale = colorScale.isEmpty() ? viz::defaultColorScaleFor(colorMap)
                                                           : *viz::colorScaleNamed(colorScale);
        scene.setColorScale(scale);
        scene.setField(std::move(field));
        if (range) {
            scene.setColorRange(range->first, range->second);
        }
    } catch (const FigureExportError&) {
        throw;
    } catch (const std::exception& error) {
        throw FigureExportError(path + ": " + error.what());
    }
}

// A later frame on the same scene: values swapped in place when the grid is unchanged, the
// first frame's colour range kept either way.
void showLater(viz::MapScene& scene, std::shared_ptr<const data::FieldSlice> field) {
    if (scene.replaceFieldValues(field)) {
        return;
    }
    const viz::ColorRange range = scene.colorRange();
    try {
        scene.setField(std::move(field));
        scene.setColorRange(range.minimum, range.maximum);
    } catch (const std::exception& error) {
        throw FigureExportError(error.what());
    }
}
} // namespace

QString shapeMismatch(const data::FieldSlice& field, const data::FieldSlice& second) {
    if (field.width == second.width && field.height == second.height) {
        return {};
    }
    const auto shape = [](const data::FieldSlice& slice) {
        return QStringLiteral("%1 %2 x %3 %4")
            .arg(QString::fromStdString(slice.yName))
            .arg(slice.height)
            .arg(QString::fromStdString(slice.xName))
            .arg(slice.width);
    };
    return QStringLiteral("'%1' (%2) does not fit '%3' (%4): the two variables must be on the "
                          "same grid")
        .arg(QString::fromStdString(second.variable), shape(second),
             QString::fromStdString(field.variable), shape(field));
}

std::vector<widgets::SliceDimension> figureDimensions(const data::Dataset& dataset,
                                                      const FigureRequest& request) {
    try {
        const data::DatasetVariable& info = dataset.variable(request.variable.toStdString());
        return describeSliceDimensions(dataset, info);
    } catch (const std::exception& error) {
        throw FigureExportError(error.what());
    }
}

FigureFrameData readFigureFrame(const data::Dataset& dataset, const FigureRequest& request,
                                const std::vector<widgets::SliceDimension>& dimensions,
                                const std::map<std::string, std::size_t>& indices) {
    // An index of a dimension the variable does not have is a typo, not something to ignore.
    QStringList names;
    for (const widgets::SliceDimension& dimension : dimensions) {
        names << dimension.name;
    }
    for (const auto& [name, index] : indices) {
        if (!names.contains(QString::fromStdString(name))) {
            throw FigureExportError(
                dataset.path() + ": variable '" + request.variable.toStdString() +
                "' has no dimension '" + name + "' to index" +
                (names.isEmpty() ? std::string(" (it has only the two mapped dimensions)")
                                 : " (its other dimensions: " +
                                       names.join(QStringLiteral(", ")).toStdString() + ")"));
        }
    }
    FigureFrameData frame;
    frame.indices = indices;
    QStringList label;
    for (const widgets::SliceDimension& dimension : dimensions) {
        const auto chosen = indices.find(dimension.name.toStdString());
        label << dimension.describe(chosen == indices.end() ? 0 : chosen->second);
    }
    frame.sliceLabel = label.join(QStringLiteral(", "));

    auto field = readSlice(dataset, request.variable, indices, "");
    const std::string role = " (--uncertainty)";
    switch (request.encoding) {
    case Encoding::None:
        break;
    case Encoding::Vsup: {
        frame.second = readSlice(dataset, request.uncertaintyVariable, indices, role);
        checkFits(*field, *frame.second);
        break;
    }
    case Encoding::Spread: {
        auto spread = readSlice(dataset, request.uncertaintyVariable, indices, role);
        checkFits(*field, *spread);
        // The panel says what it shows whatever the file calls the variable.
        spread->longName = "Ensemble spread (standard deviation): " +
                           (spread->longName.empty() ? spread->variable : spread->longName);
        frame.second = std::move(spread);
        break;
    }
    case Encoding::Hatch:
    case Encoding::Exceedance: {
        viz::EnsembleField ensemble;
        try {
            ensemble =
                viz::readEnsemble(dataset, request.uncertaintyVariable.toStdString(), indices);
        } catch (const std::exception& error) {
            throw FigureExportError(error.what() + role);
        }
        checkFits(*field, ensemble.grid);
        try {
            frame.threshold = statedThreshold(dataset, request.uncertaintyVariable.toStdString(),
                                              request.thresholdAttribute, *request.threshold);
        } catch (const std::exception& error) {
            throw FigureExportError(error.what() + role);
        }
        if (request.encoding == Encoding::Hatch) {
            frame.robustness = viz::classifyEnsembleChanges(ensemble, frame.threshold);
        } else {
            frame.ensembleMembers = static_cast<int>(ensemble.members.size());
            field = std::make_shared<data::FieldSlice>(
                viz::exceedanceProbability(ensemble, frame.threshold));
        }
        break;
    }
    }
    frame.field = std::move(field);
    return frame;
}

FigurePanels::FigurePanels(const FigureRequest& request)
    : m_request(request), m_panels(request.encoding == Encoding::Spread ? 2 : 1) {
    try {
        m_projection = viz::MapProjection::fromName(request.projection);
    } catch (const viz::ProjectionError& error) {
        throw FigureExportError(error.what());
    }
    if (!viz::ColorMap::named(request.colorMap).isValid()) {
        throw FigureExportError("unknown colour map '" + request.colorMap.toStdString() +
                                "'; choose " +
                                viz::ColorMap::names().join(QStringLiteral(", ")).toStdString());
    }
    if (m_panels.size() == 2) {
        m_panels[0].viewport[2] = 0.5;
        m_panels[1].viewport[0] = 0.5;
    }
}

QString FigurePanels::title() const {
    const data::FieldSlice* field = mainScene().field();
    return field != nullptr ? QString::fromStdString(field->title()) : QString();
}

void FigurePanels::show(const FigureFrameData& frame) {
    if (!m_shownOnce) {
        showFirst(frame);
        m_shownOnce = true;
    } else {
        viz::MapScene& scene = *m_panels.front().scene;
        switch (m_request.encoding) {
        case Encoding::Vsup: {
            // VSUP colours palette indices, not values: re-derive them with the first frame's
            // value range and the first frame's uncertainty range.
            const viz::ColorRange range = scene.colorRange();
            try {
                scene.setField(frame.field);
                scene.setColorRange(range.minimum, range.maximum);
                scene.setVsupUncertainty(frame.second,
                                         viz::VsupPalette(viz::ColorMap::named(m_request.colorMap)),
                                         m_vsupUncertaintyRange);
            } catch (const std::exception& error) {
                throw FigureExportError(error.what());
            }
            break;
        }
        case Encoding::Hatch:
            showLater(scene, frame.field);
            scene.setHatching(*frame.robustness);
            break;
        case Encoding::Spread:
            showLater(scene, frame.field);
            showLater(*m_panels.back().scene, frame.second);
            break;
        case Encoding::None:
        case Encoding::Exceedance:
            showLater(scene, frame.field);
            break;
        }
    }
    for (Panel& panel : m_panels) {
        panel.scene->setSliceLabel(frame.sliceLabel);
    }
}

void FigurePanels::showFirst(const FigureFrameData& frame) {
    viz::MapScene& scene = *m_panels.front().scene;
    auto range = m_request.range;
    if (m_request.encoding == Encoding::Exceedance && !range) {
        range = std::make_pair(0.0, 1.0); // a probability: the whole scale, always
    }
    setUpScene(scene, m_projection, m_request.colorMap, m_request.colorScale, frame.field, range);
    try {
        switch (m_request.encoding) {
        case Encoding::None:
            break;
        case Encoding::Vsup:
            // The palette is built on the requested colour map (viridis by default), which
            // VSUP needs to be perceptually uniform (Correll, Moritz & Heer, CHI 2018).
            m_vsupUncertaintyRange = viz::defaultUncertaintyRange(*frame.second);
            scene.setVsupUncertainty(frame.second,
                                     viz::VsupPalette(viz::ColorMap::named(m_request.colorMap)),
                                     m_vsupUncertaintyRange);
            break;
        case Encoding::Hatch:
            scene.setHatching(*frame.robustness);
            break;
        case Encoding::Exceedance:
            scene.setCaption(
                QStringLiteral("Colour: probability that %1 exceeds %2, the share of the %3 "
                               "ensemble members above it in each cell")
                    .arg(m_request.uncertaintyVariable)
                    .arg(frame.threshold)
                    .arg(frame.ensembleMembers));
            break;
        case Encoding::Spread: {
            // The spread (a non-negative size) gets a sequential map from 0, whatever map the
            // mean uses; both panels keep the same projection and framing.
            viz::MapScene& right = *m_panels.back().scene;
            setUpScene(right, m_projection, QStringLiteral("magma"), QStringLiteral("linear"),
                       frame.second, std::nullopt);
            scene.setCaption(QStringLiteral("Left: %1; right: its ensemble spread (%2), same "
                                            "projection and framing")
                                 .arg(m_request.variable, m_request.uncertaintyVariable));
            right.setCaption(QStringLiteral("Ensemble spread (standard deviation): %1, "
                                            "sequential colour map from 0")
                                 .arg(m_request.uncertaintyVariable));
            break;
        }
        }
    } catch (const FigureExportError&) {
        throw;
    } catch (const std::exception& error) {
        throw FigureExportError(error.what() + std::string(" (--uncertainty)"));
    }
}

} // namespace twins::app
