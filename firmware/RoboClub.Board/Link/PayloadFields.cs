using System;

namespace RoboClub.Board.Link
{
    /// <summary>Shared checks used by the payload decoders; every failure is a <see cref="PayloadException"/>
    /// whose message starts with the payload's name ("cmd: ...").</summary>
    internal static class PayloadFields
    {
        internal static JsonNode ParseObject(byte[] payload, int maxBytes, string what)
        {
            if (payload == null || payload.Length == 0)
            {
                throw new PayloadException(what + ": empty payload");
            }

            if (payload.Length > maxBytes)
            {
                throw new PayloadException(what + ": payload of " + payload.Length.ToString() + " bytes is over the limit of " + maxBytes.ToString());
            }

            JsonNode node;
            try
            {
                node = JsonReader.Parse(payload, maxBytes, 8);
            }
            catch (JsonException e)
            {
                throw new PayloadException(what + ": " + e.Message);
            }

            if (node.Kind != JsonKind.Object)
            {
                throw new PayloadException(what + ": expected a JSON object");
            }

            return node;
        }

        /// <summary>Refuses members whose names are not in <paramref name="allowed"/>.</summary>
        internal static void AllowOnly(JsonNode obj, string what, string[] allowed, int seq)
        {
            for (int i = 0; i < obj.Count; i++)
            {
                string name = obj.NameAt(i);
                bool found = false;
                for (int j = 0; j < allowed.Length; j++)
                {
                    if (allowed[j] == name)
                    {
                        found = true;
                        break;
                    }
                }

                if (!found)
                {
                    throw new PayloadException(what + ": unknown field \"" + Topics.Shorten(name) + "\"", seq);
                }
            }
        }

        internal static string GetString(JsonNode obj, string name, string what, bool required, int maxLength, int seq)
        {
            JsonNode n = obj.Get(name);
            if (n == null)
            {
                if (required)
                {
                    throw new PayloadException(what + ": missing field \"" + name + "\"", seq);
                }

                return null;
            }

            if (n.Kind != JsonKind.String)
            {
                throw new PayloadException(what + ": field \"" + name + "\" must be a string", seq);
            }

            if (n.Text.Length > maxLength)
            {
                throw new PayloadException(what + ": field \"" + name + "\" is longer than " + maxLength.ToString() + " characters", seq);
            }

            return n.Text;
        }

        internal static long GetInteger(JsonNode obj, string name, string what, bool required, long min, long max, long absent, int seq)
        {
            JsonNode n = obj.Get(name);
            if (n == null)
            {
                if (required)
                {
                    throw new PayloadException(what + ": missing field \"" + name + "\"", seq);
                }

                return absent;
            }

            if (n.Kind != JsonKind.Number || !n.IsInteger)
            {
                throw new PayloadException(what + ": field \"" + name + "\" must be a whole number", seq);
            }

            if (n.Integer < min || n.Integer > max)
            {
                throw new PayloadException(what + ": field \"" + name + "\" must be between " + min.ToString() + " and " + max.ToString(), seq);
            }

            return n.Integer;
        }

        internal static double GetNumber(JsonNode obj, string name, string what, bool required, int seq)
        {
            JsonNode n = obj.Get(name);
            if (n == null)
            {
                if (required)
                {
                    throw new PayloadException(what + ": missing field \"" + name + "\"", seq);
                }

                return 0;
            }

            if (n.Kind != JsonKind.Number)
            {
                throw new PayloadException(what + ": field \"" + name + "\" must be a number", seq);
            }

            return n.Number;
        }

        internal static bool GetBool(JsonNode obj, string name, string what, bool required, bool absent, int seq)
        {
            JsonNode n = obj.Get(name);
            if (n == null)
            {
                if (required)
                {
                    throw new PayloadException(what + ": missing field \"" + name + "\"", seq);
                }

                return absent;
            }

            if (n.Kind != JsonKind.Bool)
            {
                throw new PayloadException(what + ": field \"" + name + "\" must be true or false", seq);
            }

            return n.Bool;
        }

        internal static JsonNode GetArray(JsonNode obj, string name, string what, bool required, int seq)
        {
            JsonNode n = obj.Get(name);
            if (n == null)
            {
                if (required)
                {
                    throw new PayloadException(what + ": missing field \"" + name + "\"", seq);
                }

                return null;
            }

            if (n.Kind != JsonKind.Array)
            {
                throw new PayloadException(what + ": field \"" + name + "\" must be an array", seq);
            }

            return n;
        }

        /// <summary>Cuts text to at most maxLength characters without splitting a surrogate pair;
        /// a cut text ends in "…".</summary>
        internal static string Truncate(string text, int maxLength)
        {
            if (text == null)
            {
                return string.Empty;
            }

            if (text.Length <= maxLength)
            {
                return text;
            }

            int cut = maxLength - 1;
            if (cut > 0 && text[cut - 1] >= '\uD800' && text[cut - 1] <= '\uDBFF')
            {
                cut--;
            }

            return text.Substring(0, cut) + "\u2026";
        }
    }
}
