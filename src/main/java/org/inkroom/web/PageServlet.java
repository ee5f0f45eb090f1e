package org.inkroom.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Serves the page at {@code /} and {@code /room/{roomId}}. The page's assets are relative to its
 * {@code <base href>}, which is rewritten to this deployment's context path so the WAR works
 * under any context root.
 */
@WebServlet(urlPatterns = {"", "/room/*"})
public class PageServlet extends HttpServlet {

    static final String BASE_TAG = "<base href=\"/\">";

    private String template;

    @Override
    public void init() throws ServletException {
        try (InputStream in = getServletContext().getResourceAsStream("/index.html")) {
            if (in == null) {
                throw new ServletException("index.html missing from the WAR");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServletException("cannot read index.html", e);
        }
        if (!template.contains(BASE_TAG)) {
            throw new ServletException("index.html must contain " + BASE_TAG);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = escape(request.getContextPath() + "/");
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.getWriter().write(template.replace(BASE_TAG, "<base href=\"" + base + "\">"));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
