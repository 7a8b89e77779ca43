#include "results/ResultUncertainty.h"

#include "answers/ResultUncertaintyLayer.h"

namespace twins::app {

ResultUncertainty resultUncertainty(const sdk::ResultSpec& spec) {
    const ResultUncertaintyLayer layer = resultUncertaintyLayer(spec);
    if (layer.encoding == FigureRequest::Encoding::None) {
        return {nullptr, layer.error};
    }
    using Encoding = UncertaintyChoice::Encoding;
    auto choice = std::make_shared<UncertaintyChoice>();
    choice->variable = layer.variable;
    switch (layer.encoding) {
    case FigureRequest::Encoding::Spread:
        choice->encoding = Encoding::Spread;
        break;
    case FigureRequest::Encoding::Vsup:
        choice->encoding = Encoding::Vsup;
        break;
    case FigureRequest::Encoding::Hatch:
        choice->encoding = Encoding::Hatch;
        break;
    case FigureRequest::Encoding::Exceedance:
        choice->encoding = Encoding::Exceedance;
        break;
    case FigureRequest::Encoding::None:
        break;
    }
    if (layer.threshold) {
        choice->threshold = *layer.threshold;
        choice->thresholdAttribute = layer.thresholdAttribute;
    }
    return {choice, {}};
}

} // namespace twins::app
