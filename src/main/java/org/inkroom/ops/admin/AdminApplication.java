package org.inkroom.ops.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The admin API's Jakarta REST application: {@link AdminResource} behind {@link AdminAuthFilter}. */
@ApplicationPath("/admin/api")
public class AdminApplication extends Application {

    @Override
    public java.util.Set<Class<?>> getClasses() {
        // Listed, not scanned: exactly these, whatever else the WAR holds.
        return java.util.Set.of(AdminResource.class, AdminAuthFilter.class);
    }
}
