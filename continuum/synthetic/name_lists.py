"""Given and family names by heritage, written for this generator.

White British adults' names come from Faker (en_GB), which weights surnames by how common they
are in the UK; the lists here cover children's names of the last twenty years and the
communities Faker does not: British Pakistani, Indian and Bangladeshi families, Polish and
Slovak Roma families, and smaller groups. Female forms of Polish and Slovak surnames differ
from the male forms, as they do on real records.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NameList:
    boys: tuple[str, ...]
    girls: tuple[str, ...]
    family: tuple[str, ...]
    # Surnames women in this community often keep or are recorded under (Begum, Bibi, Kaur).
    women_family: tuple[str, ...] = ()
    # Female surname forms (Kowalski -> Kowalska): applied to women and girls.
    feminine_endings: tuple[tuple[str, str], ...] = ()


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


BRITISH_CHILDREN = NameList(
    boys=_split(
        "Oliver Jack Harry George Noah Charlie Jacob Alfie Freddie Oscar Leo Logan Archie Theo Thomas "
        "James Joshua Riley Jayden Mason Tyler Kai Lewis Callum Ethan Liam Dylan Kyle Connor Bradley "
        "Brandon Reece Lucas Max Finley Harrison Alexander Ryan Jake Ben Harvey Louie Tommy Ollie Ronnie"
    ),
    girls=_split(
        "Olivia Amelia Isla Ava Emily Isabella Mia Poppy Ella Lily Sophie Grace Evie Ruby Freya Chloe "
        "Millie Jessica Lacey Paige Courtney Megan Holly Leah Ellie Phoebe Scarlett Daisy Skye Harper "
        "Layla Charlotte Lola Mollie Amber Caitlin Katie Kayleigh Summer Maisie"
    ),
    family=(),
)

PAKISTANI = NameList(
    boys=_split(
        "Muhammad Mohammed Ali Hamza Ibrahim Yusuf Zain Ayaan Musa Umar Abdullah Haris Rayyan Zakariya "
        "Bilal Imran Adnan Tariq Asif Zubair Shahid Kashif Arshad Naveed Faisal Sajid Waqas Usman Hassan "
        "Amir Idris Eesa Yahya Saad Talha Rehan Harris Ismail Aryan"
    ),
    girls=_split(
        "Aisha Maryam Fatima Zainab Hafsa Inaya Amira Khadija Aleena Hania Safa Noor Iqra Sana Nadia "
        "Shazia Rubina Nasreen Samina Farzana Shabana Bushra Saima Ayesha Mahnoor Eman Anaya Zara "
        "Sumaiya Humaira Rukhsana Parveen Hira Alishba"
    ),
    family=_split(
        "Hussain Khan Ahmed Ali Mahmood Iqbal Akhtar Shah Rehman Butt Aslam Riaz Malik Mirza Rashid "
        "Nawaz Hanif Sadiq Bashir Yousaf Javed Anwar Latif Zaman Raja Chaudhry Qureshi Mehmood Siddique "
        "Arshad Saleem Rafiq Akram Karim Mughal Hussain Khan Ahmed Ali Iqbal"
    ),
    women_family=_split("Begum Bibi Akhtar Kausar Bi Nisa Parveen Sultana"),
)

INDIAN = NameList(
    boys=_split(
        "Arjun Aarav Rohan Dev Harpreet Gurpreet Jaspal Ravi Vikram Sanjay Rajesh Amit Jaskaran Ishaan "
        "Krish Veer Kiran Manveer Sunil Nikhil"
    ),
    girls=_split(
        "Priya Anjali Simran Harleen Navneet Pooja Meera Asha Jasleen Diya Anaya Riya Sunita Rupinder "
        "Kiran Mandeep Nisha Tara"
    ),
    family=_split("Patel Sharma Singh Gill Sandhu Sidhu Mistry Lad Parmar Chauhan Kumar Dhillon Bains Sohal"),
    women_family=_split("Kaur"),
)

BANGLADESHI = NameList(
    boys=_split(
        "Abdul Rahim Shahin Jamal Sohel Rafiq Ayaan Ismail Nazrul Mizanur Ashraful Tanvir Arif Rayhan"
    ),
    girls=_split("Rumana Shirin Tahmina Nazma Jasmin Sumaiya Tasnim Farhana Habiba Ruksana Salma Mim Raisa"),
    family=_split("Miah Uddin Rahman Islam Ahmed Hoque Chowdhury Ali Hossain Alam Karim"),
    women_family=_split("Begum Khatun Bibi"),
)

POLISH = NameList(
    boys=_split(
        "Jakub Kacper Szymon Filip Mateusz Michał Piotr Tomasz Paweł Krzysztof Łukasz Marcin Bartosz "
        "Dawid Oliwer Antoni"
    ),
    girls=_split(
        "Zuzanna Julia Maja Lena Hanna Oliwia Anna Katarzyna Agnieszka Magdalena Joanna Monika Natalia "
        "Aleksandra Wiktoria"
    ),
    family=_split(
        "Nowak Kowalski Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski "
        "Kozłowski Mazur Krawczyk Kaczmarek Piotrowski Grabowski"
    ),
    feminine_endings=(("ski", "ska"), ("cki", "cka")),
)

ROMA = NameList(
    boys=_split("Marek Patrik Denis Dominik Kevin Roman Rudolf Milan Ladislav Jozef Mário Erik Samuel Tomáš"),
    girls=_split("Jana Vanesa Nikola Denisa Sabina Klaudia Veronika Simona Monika Kristína Natália Erika"),
    family=_split(
        "Horváth Lakatoš Kotlár Balog Oláh Gaži Ferko Dudi Pompa Kokeny Červeňák Giňa Bandy Mižigár"
    ),
    # Slovak women's surnames take -ová: Horváth -> Horváthová.
    feminine_endings=(("", "ová"),),
)

AFRICAN = NameList(
    boys=_split(
        "Chinedu Emeka Tunde Kwame Kofi Tendai Tatenda Abdi Mohamed Yonas Samuel David Daniel Joshua Emmanuel"
    ),
    girls=_split(
        "Amara Chiamaka Ngozi Adaeze Esther Grace Blessing Rutendo Hodan Fartun Selam Precious Favour"
    ),
    family=_split(
        "Okafor Adeyemi Okonkwo Mensah Osei Moyo Ncube Dube Abdi Mohamud Tesfaye Bekele Adebayo Eze Nwosu"
    ),
)

CARIBBEAN_FAMILY = _split(
    "Campbell Brown Williams Thompson Grant Clarke Francis Johnson Robinson Morgan Reid Henry"
)

OTHER_ASIAN = NameList(
    boys=_split("Ahmad Omid Farid Jawad Sohrab Mansour Yama"),
    girls=_split("Zahra Mariam Parisa Shabnam Nilufar Freshta Marwa"),
    family=_split("Ahmadi Hashimi Karimi Rahimi Sultani Noori Popal Safi"),
)

OTHER_ETHNIC = NameList(
    boys=_split("Karim Hassan Omar Khalid Rami Ahmed Soran Dilan"),
    girls=_split("Rojin Layla Hana Sara Noor Dilan Shilan"),
    family=_split("Mustafa Hamad Saleh Abdullah Ibrahim Jaber Aziz Rashid"),
)

CHINESE = NameList(
    boys=_split("Wei Jun Hao Ming Chen Kai"),
    girls=_split("Mei Ling Xin Yan Jia"),
    family=_split("Wang Li Zhang Chen Liu Huang Wong Lee"),
)

IRISH_FAMILY = _split("Murphy Kelly O'Brien Byrne Ryan O'Connor Walsh McCarthy Doyle Gallagher")

# Spellings the same name is often given on different agencies' systems.
SPELLING_VARIANTS: dict[str, tuple[str, ...]] = {
    "Mohammed": ("Muhammad", "Mohammad", "Mohamed", "Muhammed"),
    "Muhammad": ("Mohammed", "Mohammad", "Muhammed"),
    "Mohamed": ("Mohammed", "Mohamad"),
    "Jayden": ("Jaden", "Jaiden", "Jaydon"),
    "Aisha": ("Ayesha", "Aysha", "Aishah"),
    "Ayesha": ("Aisha", "Aysha"),
    "Zainab": ("Zaynab", "Zenab"),
    "Hussain": ("Hussein", "Husain", "Hossain"),
    "Mahmood": ("Mehmood", "Mahmud"),
    "Mehmood": ("Mahmood",),
    "Yusuf": ("Yousuf", "Yousef", "Yusef"),
    "Yousaf": ("Yusuf", "Yousuf"),
    "Ibrahim": ("Ebrahim", "Ibraheem"),
    "Fatima": ("Fatimah", "Fatma"),
    "Maryam": ("Mariam", "Miriam"),
    "Rehman": ("Rahman", "Rehmann"),
    "Chaudhry": ("Choudhury", "Chaudhary"),
    "Siddique": ("Siddiqui",),
    "Eesa": ("Isa", "Essa"),
    "Zakariya": ("Zakaria", "Zakariyya"),
    "Rayyan": ("Rayan", "Raiyan"),
    "Katie": ("Katy", "Katey"),
    "Leah": ("Lea", "Lia"),
    "Kayleigh": ("Kayley", "Kaylee"),
    "Reece": ("Rhys", "Rees"),
    "Sophie": ("Sophia", "Sofie"),
    "Connor": ("Conor",),
    "Callum": ("Calum",),
    "Freddie": ("Freddy",),
    "Lacey": ("Lacie",),
    "Amelia": ("Emelia",),
    "Mollie": ("Molly",),
    "Mia": ("Miya",),
    "Smith": ("Smyth",),
    "Thompson": ("Thomson",),
    "Clarke": ("Clark",),
    "Stephenson": ("Stevenson",),
    "Horváth": ("Horvat",),
    "Lakatoš": ("Lakatosh",),
}

# Shortened and familiar forms people give as the name they go by.
PREFERRED_FORMS: dict[str, str] = {
    "Alexander": "Alex",
    "Thomas": "Tom",
    "Joshua": "Josh",
    "Oliver": "Ollie",
    "Jessica": "Jess",
    "Isabella": "Bella",
    "Charlotte": "Lottie",
    "Katarzyna": "Kasia",
    "Aleksandra": "Ola",
    "Mateusz": "Matt",
    "Jakub": "Kuba",
    "Abdullah": "Abdul",
    "Zakariya": "Zak",
}
