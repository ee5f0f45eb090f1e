package org.inkroom.cluster;

/**
 * The Lua scripts that make each step atomic in Redis. Every key of a room shares its
 * {@code {room}} hash tag, so a script touches one slot and also runs on Redis Cluster. Times come
 * from Redis ({@code TIME}), not from the nodes' clocks.
 */
final class Scripts {

    private Scripts() { }

    /**
     * Numbers an op: KEYS meta, ids, log; ARGV epoch, element id ('' for none), the message without
     * its opening brace, channel, stream length, '1' for a clear. Returns {'ok', seq},
     * {'dup', seq of the draw that has that element id}, {'epoch', current} or {'noepoch', ''}.
     */
    static final String PUBLISH = """
            local epoch = redis.call('HGET', KEYS[1], 'epoch')
            if not epoch then return {'noepoch', ''} end
            if epoch ~= ARGV[1] then return {'epoch', epoch} end
            if ARGV[2] ~= '' then
              local prev = redis.call('HGET', KEYS[2], ARGV[2])
              if prev then return {'dup', prev} end
            end
            local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
            if ARGV[6] == '1' then redis.call('DEL', KEYS[2]) end
            if ARGV[2] ~= '' then redis.call('HSET', KEYS[2], ARGV[2], seq) end
            local msg = '{"seq":' .. seq .. ',' .. ARGV[3]
            redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[5], seq .. '-1', 'm', msg)
            redis.call('PUBLISH', ARGV[4], msg)
            return {'ok', tostring(seq)}
            """;

    /**
     * Where a room stands, creating its epoch if Redis has none (new room, or Redis lost it): KEYS
     * meta, ids, log; ARGV proposed epoch, proposed seq. Returns {epoch, seq, '1' if just created,
     * base}: the epoch's ops are numbered from base + 1 (nothing at or below base is in its stream).
     */
    static final String START = """
            local epoch = redis.call('HGET', KEYS[1], 'epoch')
            if epoch then
              return {epoch, redis.call('HGET', KEYS[1], 'seq'), '0', redis.call('HGET', KEYS[1], 'base') or '0'}
            end
            redis.call('DEL', KEYS[2], KEYS[3])
            redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'seq', ARGV[2], 'base', ARGV[2])
            return {ARGV[1], ARGV[2], '1', ARGV[2]}
            """;

    /** Drops presence entries past their time and tells the room: shared by CLAIM and TICK. */
    private static final String SWEEP = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local all = redis.call('HGETALL', KEYS[1])
            local live = {}
            for i = 1, #all, 2 do
              local user, v = all[i], all[i + 1]
              local color, node, exp = string.match(v, '^([^|]*)|([^|]*)|(%d+)$')
              if exp and tonumber(exp) > now then
                live[#live + 1] = {user, color, node}
              else
                redis.call('HDEL', KEYS[1], user)
                redis.call('PUBLISH', ARGV[3], cjson.encode({t = 'leave', u = user, n = node or ''}))
              end
            end
            """;

    /**
     * Claims a unique name and a free colour: KEYS members; ARGV node, ttl ms, channel, palette
     * size P, the palette, the role mark ({@code ""} for an editor, {@code "/viewer"}: stored and
     * published after the colour), then candidate names in order. Returns {name, colour} or {} if
     * all taken. (An entry without a mark, as older nodes write them, is an editor's.)
     */
    static final String CLAIM = SWEEP + """
            local taken, used = {}, {}
            for _, e in ipairs(live) do taken[e[1]] = true; used[string.sub(e[2], 1, 7)] = true end
            local p = tonumber(ARGV[4])
            local mark = ARGV[5 + p]
            local name
            for i = 6 + p, #ARGV do
              if not taken[ARGV[i]] then name = ARGV[i]; break end
            end
            if not name then return {} end
            local color
            for i = 5, 4 + p do
              if not used[ARGV[i]] then color = ARGV[i]; break end
            end
            if not color then color = ARGV[5 + (#live % p)] end
            redis.call('HSET', KEYS[1], name, color .. mark .. '|' .. ARGV[1] .. '|' .. (now + tonumber(ARGV[2])))
            redis.call('PUBLISH', ARGV[3], cjson.encode({t = 'join', u = name, color = color .. mark, n = ARGV[1]}))
            return {name, color}
            """;

    /** Gives a name back if this node holds it: KEYS members; ARGV node, user, channel. */
    static final String RELEASE = """
            local v = redis.call('HGET', KEYS[1], ARGV[2])
            if not v then return 0 end
            local color, node = string.match(v, '^([^|]*)|([^|]*)|')
            if node ~= ARGV[1] then return 0 end
            redis.call('HDEL', KEYS[1], ARGV[2])
            redis.call('PUBLISH', ARGV[3], cjson.encode({t = 'leave', u = ARGV[2], n = ARGV[1]}))
            return 1
            """;

    /**
     * The heartbeat: refreshes this node's members, drops expired ones (of dead nodes), and reports
     * where the room stands. KEYS members, meta; ARGV node, ttl ms, channel, this node's members.
     * Returns {epoch or '', seq or '', then user, colour, node for every live member}.
     */
    static final String TICK = SWEEP + """
            for i = 4, #ARGV do
              local v = redis.call('HGET', KEYS[1], ARGV[i])
              if v then
                local color, node = string.match(v, '^([^|]*)|([^|]*)|')
                if node == ARGV[1] then
                  redis.call('HSET', KEYS[1], ARGV[i], color .. '|' .. node .. '|' .. (now + tonumber(ARGV[2])))
                end
              end
            end
            local out = {redis.call('HGET', KEYS[2], 'epoch') or '', redis.call('HGET', KEYS[2], 'seq') or ''}
            for _, e in ipairs(live) do
              out[#out + 1] = e[1]; out[#out + 1] = e[2]; out[#out + 1] = e[3]
            end
            return out
            """;
}
