using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RoboClub.Board.Image;
using RoboClub.Compiler.Subset;

namespace RoboClub.Compiler.Codegen;

// Every/When/OnMessage/OnButton: each becomes a script of the image with its own function.
internal sealed partial class CodeGenerator
{

    string? SpecialKind(InvocationExpressionSyntax inv)
    {
        if (_model.GetSymbolInfo(inv).Symbol is not IMethodSymbol m) return null;
        foreach (var a in m.GetAttributes())
        {
            if (a.AttributeClass?.Name == "BoardSpecialAttribute" && a.ConstructorArguments.Length == 1)
                return a.ConstructorArguments[0].Value as string;
        }
        return null;
    }

    void Script(string kind, InvocationExpressionSyntax inv)
    {
        var args = inv.ArgumentList.Arguments;
        int n = ++_scriptCount;
        switch (kind)
        {
            case "every":
                {
                    var period = _model.GetConstantValue(args[0].Expression);
                    if (!period.HasValue || period.Value is not int ms || ms < 10) { Report(UnsupportedConstructs.EveryPeriod, args[0]); return; }
                    int body = ScriptBody(args[1].Expression, "every_" + ms + "ms");
                    if (body >= 0) _image.AddScript(TriggerKind.Every, ms, body);
                    break;
                }
            case "when":
                {
                    int condition = ScriptFunction(args[0].Expression, "when_" + n + "_condition", VmType.Bool);
                    int body = ScriptBody(args[1].Expression, "when_" + n);
                    if (condition >= 0 && body >= 0) _image.AddScript(TriggerKind.When, condition, body);
                    break;
                }
            case "onMessage":
                {
                    var name = _model.GetConstantValue(args[0].Expression);
                    if (!name.HasValue || name.Value is not string message) { Report(UnsupportedConstructs.MessageName, args[0]); return; }
                    int body = ScriptBody(args[1].Expression, "on_" + message);
                    if (body >= 0) _image.AddScript(TriggerKind.OnMessage, _image.AddString(message), body);
                    break;
                }
            case "onButton":
                {
                    int body = ScriptBody(args[0].Expression, "on_button_" + n);
                    if (body >= 0) _image.AddScript(TriggerKind.OnButton, 0, body);
                    break;
                }
            default:
                Report(UnsupportedConstructs.Other, inv);
                break;
        }
    }

    int ScriptBody(ExpressionSyntax e, string name) => ScriptFunction(e, name, VmType.None);

    /// <summary>A lambda without parameters (or the name of a local function) as an image function; -1 if not.</summary>
    int ScriptFunction(ExpressionSyntax e, string name, byte returnType)
    {
        if (e is ParenthesizedLambdaExpressionSyntax lambda && lambda.ParameterList.Parameters.Count == 0 && !lambda.Modifiers.Any())
        {
            var outer = _f;
            var fb = _image.AddFunction(ImageName(name), [], returnType);
            Begin(fb, isMain: false);
            if (lambda.Block != null) Statement(lambda.Block);
            else if (lambda.ExpressionBody != null) ExpressionBody(lambda.ExpressionBody, returnType);
            FinishFunction(returnType);
            End();
            _f = outer;
            return fb.Index;
        }
        if (_model.GetSymbolInfo(e).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction, Parameters.Length: 0 } m
            && _functions.TryGetValue(m, out var f) && f.ReturnType == returnType)
            return f.Index;
        Report(UnsupportedConstructs.ScriptBody, e);
        return -1;
    }
}
