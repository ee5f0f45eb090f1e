package org.inkroom.ops;

import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.inkroom.protocol.Codec;
import org.inkroom.room.RoomRegistry;

/**
 * {@code GET /health/live} and {@code GET /health/ready} with MicroProfile Health's paths, JSON
 * and status codes (200 UP, 503 DOWN), the same on every server. Ready means this node can serve
 * a member now: the store answers, the cluster bus (when configured) is connected, and the
 * application is not stopping.
 */
@WebServlet(urlPatterns = {"/health", "/health/*"})
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient RoomRegistry rooms;

    /** MicroProfile Health's response body. */
    @JsonbPropertyOrder({"status", "checks"})
    public record Health(String status, List<Check> checks) { }

    /** One named check. */
    @JsonbPropertyOrder({"name", "status"})
    public record Check(String name, String status) { }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        List<Check> checks = new ArrayList<>();
        switch (path) {
            case "/live" -> checks.add(check("inkroom-live", true));
            case "/ready" -> ready(checks);
            case "", "/" -> {
                checks.add(check("inkroom-live", true));
                ready(checks);
            }
            default -> {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
        }
        boolean up = checks.stream().allMatch(c -> "UP".equals(c.status()));
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Codec.toJson(new Health(up ? "UP" : "DOWN", checks)));
    }

    private void ready(List<Check> checks) {
        checks.add(check("inkroom-store", rooms.store().reachable()));
        checks.add(check("inkroom-cluster-bus", rooms.bus().available()));
        checks.add(check("inkroom-accepting", !rooms.shuttingDown()));
    }

    private static Check check(String name, boolean up) {
        return new Check(name, up ? "UP" : "DOWN");
    }
}
