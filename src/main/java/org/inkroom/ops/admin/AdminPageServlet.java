package org.inkroom.ops.admin;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Serves the admin page ({@code admin.html}) at {@code /admin}, its {@code <base href>} rewritten
 * to the context path as for the board page, with a strict content security policy: scripts,
 * styles and calls only from this server, and no framing (the page holds a credential).
 * The page itself is public; everything it shows comes from the API, which needs the token.
 */
@WebServlet(urlPatterns = {"/admin", "/admin.html"})
public class AdminPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String BASE_TAG = "<base href=\"/\">";
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private String template;

    @Override
    public void init() throws ServletException {
        try (InputStream in = getServletContext().getResourceAsStream("/admin.html")) {
            if (in == null) {
                throw new ServletException("admin.html missing from the WAR");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServletException("cannot read admin.html", e);
        }
        if (!template.contains(BASE_TAG)) {
            throw new ServletException("admin.html must contain " + BASE_TAG);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = escape(request.getContextPath() + "/");
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.getWriter().write(template.replace(BASE_TAG, "<base href=\"" + base + "\">"));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
