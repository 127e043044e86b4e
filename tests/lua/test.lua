-- The Lua interpreter of Debian's lua5.4 source, built into a Yolk image, runs this from the
-- image's initrd: strings, tables, closures, coroutines, math, errors, files, os.
local checks, failed = 0, 0
local function check(condition, what)
  checks = checks + 1
  if not condition then
    failed = failed + 1
    print("FAIL " .. what)
  end
end

local words = {}
for word in ("the quick brown fox jumps over the lazy dog"):gmatch("%a+") do
  words[#words + 1] = word:upper()
end
table.sort(words)
check(table.concat(words, ","):sub(1, 15) == "BROWN,DOG,FOX,J", "strings and sort")
check(string.format("%5.2f|%x|%q", math.pi, 255, "a\n") == " 3.14|ff|\"a\\\n\"", "format")

local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local next_number = counter()
next_number(); next_number()
check(next_number() == 3, "closures")

local producer = coroutine.wrap(function()
  for i = 1, 5 do coroutine.yield(i * i) end
end)
local sum = 0
for _ = 1, 5 do sum = sum + producer() end
check(sum == 55, "coroutines")

local fib = {}
local function f(n) if n < 2 then return n end fib[n] = fib[n] or f(n - 1) + f(n - 2); return fib[n] end
check(f(80) == 23416728348467685, "integers")
check(math.floor(2 ^ 10) == 1024 and math.type(1) == "integer" and math.type(1.0) == "float", "math")

local ok, message = pcall(error, { code = 42 })
check(not ok and message.code == 42, "errors")

local path = "/tmp/lua-test.txt"
local out = assert(io.open(path, "w"))
for i = 1, 100 do out:write(i, "\n") end
out:close()
local total = 0
for line in io.lines(path) do total = total + tonumber(line) end
check(total == 5050, "files")
check(os.remove(path) and not io.open(path), "os.remove")
check(os.time() > 1600000000 and os.clock() >= 0, "os.time and os.clock")
check(os.getenv("LUA_TEST") == "yes", "os.getenv")

print(string.format("lua: %d checks, %d failed", checks, failed))
if failed == 0 then print("lua test passed") end
os.exit(failed == 0 and 0 or 1)
