"""A sending rate that all workers respect together, kept in Redis: at most MAIL_RATE_PER_SECOND
messages per second and MAIL_RATE_WINDOW_MESSAGES per sliding window of MAIL_RATE_WINDOW_SECONDS
(an SMTP provider's hourly or daily quota). 0 switches a limit off.

The sliding window is the two-bucket estimate (the previous window's count weighted by how much
of it still overlaps, plus the current one), counted atomically by one Lua script per message."""

import time

from portal.queue import get_redis

# KEYS: per-second key prefix, window key prefix. ARGV: now (s, float), per second, window
# messages, window seconds. Returns 0 when the message may go, else the seconds to wait.
SCRIPT = """
local now = tonumber(ARGV[1])
local per_second, window_max, window = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
if per_second > 0 then
  local second = math.floor(now)
  local key = KEYS[1] .. second
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= per_second then return tostring(second + 1 - now) end
end
if window_max > 0 then
  local current = math.floor(now / window)
  local elapsed = (now - current * window) / window
  local previous = tonumber(redis.call('GET', KEYS[2] .. (current - 1)) or '0')
  local count = tonumber(redis.call('GET', KEYS[2] .. current) or '0')
  if previous * (1 - elapsed) + count >= window_max then
    return tostring(math.max(0.05, window / window_max))
  end
  redis.call('INCR', KEYS[2] .. current)
  redis.call('EXPIRE', KEYS[2] .. current, math.ceil(window * 2) + 1)
end
if per_second > 0 then
  local key = KEYS[1] .. math.floor(now)
  redis.call('INCR', key)
  redis.call('EXPIRE', key, 2)
end
return '0'
"""


class RateLimiter:
    def __init__(self, redis, per_second: int, window_messages: int, window_seconds: int):
        self.per_second, self.window_messages, self.window_seconds = per_second, window_messages, window_seconds
        self.script = redis.register_script(SCRIPT) if self.active else None

    @property
    def active(self) -> bool:
        return self.per_second > 0 or (self.window_messages > 0 and self.window_seconds > 0)

    @classmethod
    def from_config(cls, config) -> "RateLimiter":
        per_second = config["MAIL_RATE_PER_SECOND"]
        window_messages, window_seconds = config["MAIL_RATE_WINDOW_MESSAGES"], config["MAIL_RATE_WINDOW_SECONDS"]
        redis = get_redis() if per_second or window_messages else None
        return cls(redis, per_second, window_messages, window_seconds)

    def wait(self, now: float) -> float:
        """Count one message at `now` (seconds since the epoch) and return 0, or return how many
        seconds to wait before asking again (nothing counted)."""
        if not self.active:
            return 0
        return float(self.script(keys=["loket:mail:rate:s:", "loket:mail:rate:w:"],
                                 args=[now, self.per_second, self.window_messages, self.window_seconds or 1]))

    def acquire(self) -> None:
        """Wait until one more message may be sent, then count it."""
        while (pause := self.wait(time.time())) > 0:
            time.sleep(pause)
