package community.linli.notices;

import community.linli.platform.qr.QrCode;

/**
 * The QR code staff show at an activity's door. Its text is a plain https URL that WeChat's
 * "scan an ordinary link QR code to open the mini-program" rule maps to the check-in page, which
 * receives it URL-encoded as {@code q}: {@code <base>?v=1&c=<community>&n=<notice>&k=<code>}. The
 * code is the activity's own random one ({@code NoticeStore}), so the text names no person and
 * cannot be guessed from the notice's id; the page sends it as {@code POST /notices/{n}/check-in}.
 */
final class CheckInQr {
    static final int FORMAT_VERSION = 1;

    private final String baseUrl;

    /** {@code baseUrl} comes from the template's CheckInUrl: absolute, without query or fragment. */
    CheckInQr(String baseUrl) {
        this.baseUrl = QrCode.baseUrl(baseUrl, "CHECK_IN_URL");
    }

    /** Ids and the code are {@code [A-Za-z0-9_-]}, which URLs carry as they are. */
    String url(String communityId, String noticeId, String code) {
        return baseUrl + "?v=" + FORMAT_VERSION + "&c=" + communityId + "&n=" + noticeId + "&k=" + code;
    }

    byte[] png(String communityId, String noticeId, String code, int size) {
        return QrCode.png(url(communityId, noticeId, code), size);
    }
}
