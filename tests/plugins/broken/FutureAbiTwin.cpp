// A twin the catalog must refuse: its metadata declares abiVersion 999. The code itself is a valid
// TwinModule, so only the metadata check can be what refuses it.
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/TwinModule.h"

#include <QObject>

class FutureAbiTwin : public QObject, public twins::sdk::TwinModule {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.twinbench.TwinModule/1" FILE "futureabi.json")
    Q_INTERFACES(twins::sdk::TwinModule)

public:
    void runAction(const QString& actionId, twins::sdk::ActionContext&) override {
        throw twins::sdk::SdkError(QStringLiteral("futureabi"),
                                   QStringLiteral("must never run (action %1)").arg(actionId));
    }
};

#include "FutureAbiTwin.moc"
