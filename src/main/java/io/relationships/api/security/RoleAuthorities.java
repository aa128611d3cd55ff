package io.relationships.api.security;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authorities a person or key with a role is given: that role's and every role it includes by the
 * {@link RoleHierarchy}, strongest first. Granted whole at authentication, so that checks which know no hierarchy
 * (a servlet's {@code isUserInRole}, the actuator's health roles, an expression) answer as those which do.
 */
record RoleAuthorities(RoleHierarchy hierarchy) {

    List<GrantedAuthority> of(Role role) {
        Set<String> reachable = hierarchy.getReachableGrantedAuthorities(List.of(new SimpleGrantedAuthority(role.authority()))).stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        return Stream.of(Role.values()).sorted(Comparator.reverseOrder()).filter(r -> reachable.contains(r.authority()))
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }
}
