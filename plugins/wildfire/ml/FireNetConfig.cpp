#include "FireNetConfig.h"

#include "WildfireError.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace wildfire {

bool isFireNetDirectory(const std::string& directory) {
    const QDir dir(QString::fromStdString(directory));
    return dir.exists(QStringLiteral("fire_net.pt")) && dir.exists(QStringLiteral("fire_net.json"));
}

FireNetConfig readFireNetConfig(const std::string& directory) {
    const QDir dir(QString::fromStdString(directory));
    const QString path = dir.filePath(QStringLiteral("fire_net.json"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw WildfireError("cannot read " + path.toStdString() +
                            " (a wildfire train run's model "
                            "description)");
    }
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    const auto fail = [&](const std::string& what) {
        throw WildfireError(path.toStdString() + ": " + what);
    };
    FireNetConfig config;
    config.directory = directory;
    config.weights = dir.filePath(QStringLiteral("fire_net.pt")).toStdString();
    config.depth = json.value(QStringLiteral("depth")).toInt(0);
    config.baseFilters = json.value(QStringLiteral("base_filters")).toInt(0);
    config.dropout = json.value(QStringLiteral("dropout")).toDouble(0.0);
    config.leadSteps = json.value(QStringLiteral("lead_steps")).toInt(0);
    if (config.depth < 1 || config.baseFilters < 1 || config.leadSteps < 1) {
        fail("depth, base_filters and lead_steps must be positive integers");
    }
    const QJsonArray drivers = json.value(QStringLiteral("drivers")).toArray();
    const QJsonArray means = json.value(QStringLiteral("means")).toArray();
    const QJsonArray stds = json.value(QStringLiteral("stds")).toArray();
    if (drivers.isEmpty() || drivers.size() != means.size() || drivers.size() != stds.size()) {
        fail("drivers, means and stds must be non-empty lists of one length");
    }
    for (qsizetype v = 0; v < drivers.size(); ++v) {
        config.drivers.push_back(drivers[v].toString().toStdString());
        config.means.push_back(means[v].toDouble());
        config.stds.push_back(stds[v].toDouble());
        if (!(config.stds.back() > 0.0)) {
            fail("the standard deviation of " + config.drivers.back() + " is not positive");
        }
    }
    const QJsonArray grid = json.value(QStringLiteral("grid")).toArray();
    if (grid.size() == 2) {
        config.gridRows = static_cast<std::size_t>(grid[0].toInt());
        config.gridColumns = static_cast<std::size_t>(grid[1].toInt());
    }
    const QJsonArray train = json.value(QStringLiteral("train_years")).toArray();
    const QJsonArray validation = json.value(QStringLiteral("validation_years")).toArray();
    if (train.size() == 2 && validation.size() == 2) {
        config.trainFirstYear = train[0].toInt();
        config.trainLastYear = train[1].toInt();
        config.validationLastYear = validation[1].toInt();
    }
    config.regressionHead = json.value(QStringLiteral("regression_head")).toBool(false);
    if (config.regressionHead) {
        config.logAreaScale = json.value(QStringLiteral("log_area_scale")).toDouble(0.0);
        if (!(config.logAreaScale > 0.0)) {
            fail("regression_head is true but log_area_scale is not a positive number");
        }
    }
    return config;
}

} // namespace wildfire
