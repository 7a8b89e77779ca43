#include "PredictedSteps.h"

#include "DriverCube.h"
#include "EightDayAxis.h"
#include "WildfireError.h"

#include <QString>
#include <QStringList>

#include <map>

namespace wildfire {

std::pair<double, double> periodDays(const QString& text) {
    const auto day = [](const QString& part) {
        const QString date = part.left(10);
        return daysSince2001(date.mid(0, 4).toInt(), date.mid(5, 2).toInt(),
                             date.mid(8, 2).toInt());
    };
    const QStringList parts = text.split(QLatin1Char('/'));
    return {day(parts.value(0)), day(parts.value(1))};
}

PredictedSteps stepsPredictingIn(const DriverCube& cube, int lead, double firstDay,
                                 double lastDay) {
    PredictedSteps found;
    if (cube.steps() == 0) {
        return found;
    }
    const EightDayAxis axis(cube.years().front(),
                            cube.years().back() + lead / EightDayAxis::stepsPerYear + 1);
    std::map<double, std::size_t> axisIndex;
    for (std::size_t i = 0; i < axis.size(); ++i) {
        axisIndex[axis.steps()[i].daysSinceEpoch] = i;
    }
    for (std::size_t k = 0; k < cube.steps(); ++k) {
        const auto step = axisIndex.find(cube.days()[k]);
        if (step == axisIndex.end()) {
            throw WildfireError(cube.path() + ": step " + std::to_string(k) +
                                " does not start on SeasFire's 8-day axis (every 8 days from 1 "
                                "January)");
        }
        const double target = axis.steps()[step->second + lead].daysSinceEpoch;
        if (target >= firstDay && target <= lastDay) {
            found.driverSteps.push_back(k);
            found.targetDays.push_back(target);
        }
    }
    return found;
}

} // namespace wildfire
