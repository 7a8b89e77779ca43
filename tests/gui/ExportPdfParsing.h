#pragma once

// A small PDF reader for the export tests: enough to prove that a PDF has vector paths, fonts
// and the expected text, without a PDF library (Debian has poppler, but a test dependency on
// it for three checks is not worth it). It inflates FlateDecode streams with zlib, counts
// content operators, and decodes text shown with literal strings (GL2PS writes those) or
// glyph-id hex strings mapped back through the fonts' ToUnicode CMaps (Qt's PDF writer).
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <zlib.h>

namespace twins::testing {

struct PdfContent {
    bool valid = false;        // "%PDF-" header and "%%EOF" trailer
    int fontObjects = 0;       // objects with /Type /Font
    int pathOperators = 0;     // m, l, c, re followed by a painting operator (f, S, B, ...)
    int textOperators = 0;     // Tj, TJ
    QString text;              // every decoded text string, joined by spaces
    QList<QByteArray> streams; // decoded streams
};

inline QByteArray inflatePdfStream(const QByteArray& compressed) {
    z_stream stream{};
    if (inflateInit(&stream) != Z_OK) {
        return {};
    }
    QByteArray output;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.constData()));
    stream.avail_in = static_cast<uInt>(compressed.size());
    char buffer[65536];
    int status = Z_OK;
    do {
        stream.next_out = reinterpret_cast<Bytef*>(buffer);
        stream.avail_out = sizeof buffer;
        status = inflate(&stream, Z_NO_FLUSH);
        output.append(buffer, static_cast<qsizetype>(sizeof buffer - stream.avail_out));
    } while (status == Z_OK);
    inflateEnd(&stream);
    return status == Z_STREAM_END ? output : QByteArray();
}

// Glyph id -> text, from one ToUnicode CMap (bfchar and both bfrange forms).
inline QHash<uint, QString> parseToUnicode(const QByteArray& cmap) {
    QHash<uint, QString> map;
    const auto unicode = [](const QString& hex) {
        QString text;
        for (qsizetype i = 0; i + 4 <= hex.size(); i += 4) {
            text += QChar(hex.mid(i, 4).toUInt(nullptr, 16));
        }
        return text;
    };
    const QString text = QString::fromLatin1(cmap);
    static const QRegularExpression charBlock(QStringLiteral("beginbfchar(.*?)endbfchar"),
                                              QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression pair(QStringLiteral("<([0-9A-Fa-f]+)>\\s*<([0-9A-Fa-f]+)>"));
    for (auto block = charBlock.globalMatch(text); block.hasNext();) {
        const QString body = block.next().captured(1);
        for (auto entry = pair.globalMatch(body); entry.hasNext();) {
            const auto match = entry.next();
            map.insert(match.captured(1).toUInt(nullptr, 16), unicode(match.captured(2)));
        }
    }
    static const QRegularExpression rangeBlock(QStringLiteral("beginbfrange(.*?)endbfrange"),
                                               QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression range(
        QStringLiteral("<([0-9A-Fa-f]+)>\\s*<([0-9A-Fa-f]+)>\\s*(<[0-9A-Fa-f]+>|\\[[^\\]]*\\])"));
    static const QRegularExpression hexString(QStringLiteral("<([0-9A-Fa-f]+)>"));
    for (auto block = rangeBlock.globalMatch(text); block.hasNext();) {
        const QString body = block.next().captured(1);
        for (auto entry = range.globalMatch(body); entry.hasNext();) {
            const auto match = entry.next();
            const uint first = match.captured(1).toUInt(nullptr, 16);
            const uint last = match.captured(2).toUInt(nullptr, 16);
            const QString target = match.captured(3);
            if (target.startsWith(QLatin1Char('['))) {
                uint code = first;
                for (auto item = hexString.globalMatch(target); item.hasNext() && code <= last;
                     ++code) {
                    map.insert(code, unicode(item.next().captured(1)));
                }
            } else {
                const QString start = unicode(target.mid(1, target.size() - 2));
                for (uint code = first; code <= last && !start.isEmpty(); ++code) {
                    QString value = start;
                    value[value.size() - 1] = QChar(start.back().unicode() + (code - first));
                    map.insert(code, value);
                }
            }
        }
    }
    return map;
}

inline PdfContent parsePdf(const QByteArray& file) {
    PdfContent pdf;
    pdf.valid = file.startsWith("%PDF-") && file.trimmed().endsWith("%%EOF");
    static const QRegularExpression fontType(QStringLiteral("/Type\\s*/Font\\b"));
    pdf.fontObjects = static_cast<int>(QString::fromLatin1(file).count(fontType));
    // Streams: the dictionary before "stream" says whether it is deflated.
    qsizetype at = 0;
    QList<QByteArray> cmaps;
    while ((at = file.indexOf("stream", at)) >= 0) {
        if (at >= 3 && file.mid(at - 3, 3) == "end") {
            at += 6;
            continue;
        }
        qsizetype begin = at + 6;
        if (file.mid(begin, 2) == "\r\n") {
            begin += 2;
        } else if (file.at(begin) == '\n' || file.at(begin) == '\r') {
            begin += 1;
        }
        const qsizetype end = file.indexOf("endstream", begin);
        if (end < 0) {
            break;
        }
        const qsizetype dictionaryStart = file.lastIndexOf("obj", at);
        const QByteArray dictionary = file.mid(dictionaryStart, at - dictionaryStart);
        QByteArray data = file.mid(begin, end - begin);
        if (dictionary.contains("/FlateDecode")) {
            data = inflatePdfStream(data);
        }
        pdf.streams << data;
        if (data.contains("begincmap")) {
            cmaps << data;
        }
        at = end + 9;
    }
    QList<QHash<uint, QString>> maps;
    for (const QByteArray& cmap : cmaps) {
        maps << parseToUnicode(cmap);
    }
    static const QRegularExpression pathOperator(
        QStringLiteral("(?:^|\\s)(?:[-0-9.]+\\s+){2,6}(m|l|c|re)(?=\\s)"));
    static const QRegularExpression paintOperator(
        QStringLiteral("(?:^|\\s)(f\\*?|S|s|B\\*?|b\\*?)(?=\\s)"));
    // Literal strings may hold balanced parentheses, e.g. "(title (time 0)) Tj".
    static const QRegularExpression literalText(QStringLiteral(
        "\\(((?:[^()\\\\]|\\\\.|\\((?:[^()\\\\]|\\\\.)*\\))*)\\)\\s*Tj"));
    static const QRegularExpression hexText(QStringLiteral("<([0-9A-Fa-f]+)>\\s*Tj"));
    static const QRegularExpression arrayText(QStringLiteral("\\[([^\\]]*)\\]\\s*TJ"));
    QStringList literalParts;
    QList<QString> glyphRuns;
    for (const QByteArray& stream : pdf.streams) {
        if (stream.contains("begincmap")) {
            continue;
        }
        const QString content = QString::fromLatin1(stream);
        const int paths = static_cast<int>(content.count(pathOperator));
        if (paths > 0 && content.contains(paintOperator)) {
            pdf.pathOperators += paths;
        }
        for (auto match = literalText.globalMatch(content); match.hasNext();) {
            literalParts << match.next().captured(1);
            ++pdf.textOperators;
        }
        QString glyphs;
        for (auto match = hexText.globalMatch(content); match.hasNext();) {
            glyphs += match.next().captured(1);
            ++pdf.textOperators;
        }
        for (auto match = arrayText.globalMatch(content); match.hasNext();) {
            ++pdf.textOperators;
            static const QRegularExpression inner(
                QStringLiteral("<([0-9A-Fa-f]+)>|\\(((?:[^()\\\\]|\\\\.)*)\\)"));
            for (auto part = inner.globalMatch(match.next().captured(1)); part.hasNext();) {
                const auto piece = part.next();
                if (!piece.captured(1).isEmpty()) {
                    glyphs += piece.captured(1);
                } else {
                    literalParts << piece.captured(2);
                }
            }
        }
        glyphRuns << glyphs;
    }
    QStringList decoded;
    // Glyph ids are per font; the right CMap is the one whose decoding contains the text, so
    // every run is decoded with every map (wrong pairings give noise, not false words).
    for (const QHash<uint, QString>& map : maps) {
        for (const QString& run : glyphRuns) {
            QString text;
            for (qsizetype i = 0; i + 4 <= run.size(); i += 4) {
                text += map.value(run.mid(i, 4).toUInt(nullptr, 16), QStringLiteral("\u00bf"));
            }
            decoded << text;
        }
    }
    pdf.text = (literalParts + decoded).join(QLatin1Char(' '));
    return pdf;
}

// Text without any whitespace, for comparing with text whose spaces a PDF may not draw.
inline QString withoutSpaces(QString text) {
    text.remove(QRegularExpression(QStringLiteral("\\s")));
    return text;
}

} // namespace twins::testing
