// A Qt plugin of another interface sitting in a plugin directory: the catalog must refuse it by
// its IID, without loading it.
#include <QObject>
#include <QtPlugin>

class OtherIidPlugin : public QObject {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.example.NotATwin/1" FILE "otheriid.json")
};

#include "OtherIidPlugin.moc"
