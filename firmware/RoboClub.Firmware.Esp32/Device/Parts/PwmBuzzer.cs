using System.Device.Pwm;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using RoboClub.Board.Hardware;

namespace RoboClub.Firmware.Device.Parts
{
    /// <summary>
    /// A passive buzzer on its own PWM channel (PWM5: not in a pair with the motors' or the servo's
    /// channels, which must keep their frequency). A tone never blocks the program: a timer stops it
    /// (the Buzzer binding's PlayTone would sleep for the whole duration).
    /// </summary>
    public sealed class PwmBuzzer : IBuzzer
    {
        private readonly PwmChannel _channel;
        private readonly Timer _stopTimer;

        public PwmBuzzer(int pin)
        {
            Configuration.SetPinFunction(pin, DeviceFunction.PWM5);
            _channel = PwmChannel.CreateFromPin(pin, 440, 0.0);
            _stopTimer = new Timer(StopFromTimer, null, Timeout.Infinite, Timeout.Infinite);
        }

        public void Tone(int frequencyHz, int durationMs)
        {
            if (frequencyHz < 20 || frequencyHz > 20000)
            {
                Stop();
                return;
            }

            _channel.Frequency = frequencyHz;
            _channel.DutyCycle = 0.5;
            _channel.Start();
            _stopTimer.Change(durationMs > 0 ? durationMs : Timeout.Infinite, Timeout.Infinite);
        }

        public void Stop()
        {
            _stopTimer.Change(Timeout.Infinite, Timeout.Infinite);
            _channel.DutyCycle = 0.0;
            _channel.Stop();
        }

        private void StopFromTimer(object state)
        {
            Stop();
        }
    }
}
