package io.relais.shop.catalog;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import io.relais.platform.web.ApiProblem;
import io.relais.platform.web.QueryParams;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * Product images on demand: stored bytes (scaled down for {@code ?size=} thumbnails), a redirect to the product's
 * image URL, or a drawn placeholder for products without one. Always with an ETag (If-None-Match answers 304) and
 * Cache-Control, so browsers and proxies keep them.
 */
@Service("productImages")
public class ProductImages {

    private static final Map<String, String> COLOURS = Map.of("rosiers", "#c2185b", "semences", "#7cb342",
            "terreaux", "#6d4c41", "engrais", "#558b2f", "outils", "#546e7a", "arrosage", "#0288d1", "pots", "#e64a19");

    private final NamedParameterJdbcTemplate jdbc;

    ProductImages(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Fills the exchange with the image response (binding is off for this verb). */
    public void serve(Exchange exchange) throws IOException {
        var in = exchange.getMessage();
        String reference = in.getHeader("reference", String.class);
        int size = QueryParams.integer("size", in.getHeader("size", String.class), 0, 16, 2048);
        List<Map<String, Object>> rows = jdbc.queryForList("select name, category, image_url, image_bytes, image_type "
                + "from shop.products where reference = upper(:r)", new MapSqlParameterSource("r", reference == null ? "" : reference));
        if (rows.isEmpty()) throw ApiProblem.notFound("no product " + reference);
        Map<String, Object> p = rows.get(0);
        String ifNoneMatch = in.getHeader("If-None-Match", String.class);
        in.removeHeaders("*", "reference");
        byte[] bytes = (byte[]) p.get("image_bytes");
        String type;
        if (bytes != null) {
            type = (String) p.get("image_type");
            if (size > 0) {
                bytes = thumbnail(bytes, size);
                type = "image/png";
            }
        } else if (p.get("image_url") != null) {
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, 302);
            in.setHeader("Location", p.get("image_url"));
            in.setHeader("Cache-Control", "public, max-age=3600");
            in.setBody(null);
            return;
        } else {
            bytes = placeholder((String) p.get("name"), (String) p.get("category"));
            type = "image/svg+xml";
        }
        String etag = "\"" + sha256(bytes).substring(0, 32) + "\"";
        in.setHeader("ETag", etag);
        in.setHeader("Cache-Control", "public, max-age=86400");
        if (etag.equals(ifNoneMatch)) {
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            in.setBody(null);
            return;
        }
        in.setHeader(Exchange.CONTENT_TYPE, type);
        in.setBody(bytes);
    }

    static byte[] thumbnail(byte[] original, int size) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(original));
        if (source == null) throw ApiProblem.unsupportedMediaType("the stored image cannot be scaled");
        double scale = Math.min(1.0, size / (double) Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale)), h = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.getGraphics().drawImage(source.getScaledInstance(w, h, Image.SCALE_SMOOTH), 0, 0, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        return bytes.toByteArray();
    }

    static byte[] placeholder(String name, String category) {
        String colour = COLOURS.getOrDefault(category, "#8d6e63");
        String label = HtmlUtils.htmlEscape(name.length() > 28 ? name.substring(0, 27) + "…" : name);
        String svg = """
                <svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">
                  <rect width="400" height="400" fill="%s"/>
                  <circle cx="200" cy="170" r="90" fill="#ffffff" fill-opacity="0.25"/>
                  <text x="200" y="320" font-family="sans-serif" font-size="22" fill="#fff" text-anchor="middle">%s</text>
                </svg>
                """.formatted(colour, label);
        return svg.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
