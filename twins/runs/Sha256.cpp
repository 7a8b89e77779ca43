#include "twinbench/runs/Sha256.h"

#include "twinbench/runs/RunError.h"

#include <QCryptographicHash>
#include <QFile>

namespace twins::runs {

QString sha256OfFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw RunError(path, QStringLiteral("cannot read for hashing: %1").arg(file.errorString()));
    }
    constexpr qint64 chunkSize = 1 << 20;
    QByteArray buffer(chunkSize, Qt::Uninitialized);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (;;) {
        const qint64 count = file.read(buffer.data(), chunkSize);
        if (count < 0) {
            throw RunError(path,
                           QStringLiteral("cannot read for hashing: %1").arg(file.errorString()));
        }
        if (count == 0) {
            break;
        }
        hash.addData(QByteArrayView(buffer.constData(), count));
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace twins::runs
