using System;
using System.Device.Adc;
using System.Device.Gpio;
using RoboClub.Board.Hardware;
using RoboClub.Firmware.Device.Parts;
using RoboClub.Firmware.Parts;
using RoboClub.Firmware.Profiles;

namespace RoboClub.Firmware.Device
{
    /// <summary>
    /// Builds the runtime's parts (<see cref="BoardHardware"/>) from a checked profile: every pin comes
    /// from the profile. A part that fails to start is left out and its problem kept in
    /// <see cref="Problems"/> (reported to the hub after connecting), so one broken part never stops the
    /// board: its primitives then say the board lacks it.
    /// </summary>
    public sealed class Esp32Board
    {
        private readonly BoardProfile _profile;
        private readonly GpioController _gpio;
        private string _problems = string.Empty;

        public Esp32Board(BoardProfile profile, IClock clock)
        {
            _profile = profile;
            _gpio = new GpioController();
            Hardware = new BoardHardware();
            Hardware.Clock = clock;

            // Motors off first, before anything slow.
            MotorPinsOff.Now(profile, _gpio);

            if (profile.MotorDriver != null) Try("motors", "motoarele", BuildMotors);
            if (profile.Has(PinRoles.UltrasonicTrigger)) Try("distance sensor", "senzorul de distanță", BuildDistance);
            if (profile.Has(PinRoles.LineLeft)) Try("line sensors", "senzorii de linie", BuildLine);
            if (profile.Has(PinRoles.Servo)) Try("servo", "servomotorul", BuildServo);
            if (profile.Has(PinRoles.Buzzer)) Try("buzzer", "buzzerul", BuildBuzzer);
            if (profile.Has(PinRoles.Led)) Try("LED", "LED-ul", BuildLed);
            if (profile.Has(PinRoles.Button)) Try("button", "butonul", BuildButton);
            if (profile.ClimateSensor != null) Try("temperature sensor", "senzorul de temperatură", BuildClimate);
            if (profile.Has(PinRoles.Light)) Try("light sensor", "senzorul de lumină", BuildLight);
            if (profile.Has(PinRoles.Rain)) Try("rain gauge", "pluviometrul", BuildRain);
            if (profile.Has(PinRoles.Wind)) Try("anemometer", "anemometrul", BuildWind);
            if (profile.Has(PinRoles.StatusLed)) StatusLed = new GpioLed(_gpio, profile.Pin(PinRoles.StatusLed));
        }

        public BoardHardware Hardware { get; private set; }

        /// <summary>The blue LED on the DevKit (null when the profile has none).</summary>
        public GpioLed StatusLed { get; private set; }

        /// <summary>Parts that did not start, bilingual, "; "-separated; empty when all started.</summary>
        public string Problems
        {
            get { return _problems; }
        }

        private delegate void PartBuilder();

        private void Try(string english, string romanian, PartBuilder build)
        {
            try
            {
                build();
            }
            catch (Exception e)
            {
                _problems += (_problems.Length == 0 ? "" : "; ") + Say.Both("the " + english + " did not start", romanian + " nu a pornit") + ": " + e.Message;
            }
        }

        private void BuildMotors()
        {
            Hardware.Motors = new Esp32Motors(_profile, _gpio);
        }

        private void BuildDistance()
        {
            Hardware.Distance = new UltrasonicDistance(_profile.Pin(PinRoles.UltrasonicTrigger), _profile.Pin(PinRoles.UltrasonicEcho));
        }

        private void BuildLine()
        {
            Hardware.Line = new DigitalLineSensors(_gpio, _profile.Pin(PinRoles.LineLeft), _profile.Pin(PinRoles.LineRight));
        }

        private void BuildServo()
        {
            Hardware.Servo = new PwmServo(_profile.Pin(PinRoles.Servo));
        }

        private void BuildBuzzer()
        {
            Hardware.Buzzer = new PwmBuzzer(_profile.Pin(PinRoles.Buzzer));
        }

        private void BuildLed()
        {
            Hardware.Led = new GpioLed(_gpio, _profile.Pin(PinRoles.Led));
        }

        private void BuildButton()
        {
            Hardware.Button = new GpioButton(_gpio, _profile.Pin(PinRoles.Button));
        }

        private void BuildClimate()
        {
            IClimateReader reader;
            int[] pins;
            int interval;
            if (_profile.ClimateSensor == "bme280")
            {
                pins = new int[] { _profile.Pin(PinRoles.I2cData), _profile.Pin(PinRoles.I2cClock) };
                reader = new Bme280Reader(pins[0], pins[1]);
                interval = 1000;
            }
            else
            {
                pins = new int[] { _profile.Pin(PinRoles.DhtRead), _profile.Pin(PinRoles.DhtWrite) };
                reader = new Dht22Reader(pins[0], pins[1]);
                interval = 2000; // the DHT22 cannot measure more often
            }

            ClimateSensor sensor = new ClimateSensor(reader, Hardware.Clock, pins, interval);
            Hardware.Temperature = sensor;
            Hardware.Humidity = sensor;
            if (_profile.ClimateSensor == "bme280") Hardware.Pressure = sensor;
        }

        private void BuildLight()
        {
            int channel = Esp32Pins.Adc1Channel(_profile.Pin(PinRoles.Light));
            Hardware.Light = new AnalogLightSensor(new AdcInput(new AdcController(), channel), false);
        }

        private void BuildRain()
        {
            Hardware.Rain = new PulseRainGauge(new PulseCounterSource(_profile.Pin(PinRoles.Rain)), PulseRainGauge.DefaultMillimetersPerTip);
        }

        private void BuildWind()
        {
            Hardware.Wind = new PulseWindSensor(new PulseCounterSource(_profile.Pin(PinRoles.Wind)), Hardware.Clock, PulseWindSensor.DefaultKmhPerHertz);
        }
    }
}
